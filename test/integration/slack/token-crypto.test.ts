import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decryptSecret, encryptSecret, TokenDecryptError } from '../../../src/slack/token-crypto.ts';

const key = randomBytes(32);
const token = JSON.stringify({ bot: { token: 'xoxb-123-456-secret' }, user: { token: 'xoxp-9-secret' } });

/** Flips one bit of one base64url part of a sealed secret (1 = iv, 2 = tag, 3 = ciphertext). */
function flip(sealed: string, part: 1 | 2 | 3): string {
  const parts = sealed.split('.');
  const bytes = Buffer.from(parts[part] ?? '', 'base64url');
  bytes[0] = (bytes[0] ?? 0) ^ 0x01;
  parts[part] = bytes.toString('base64url');
  return parts.join('.');
}

describe('token crypto (AES-256-GCM at rest)', () => {
  it('round-trips, with a fresh IV each time and nothing readable in the sealed text', () => {
    const a = encryptSecret(key, token, 'T0ACME');
    const b = encryptSecret(key, token, 'T0ACME');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(a).not.toContain('xoxb');
    expect(Buffer.from(a.split('.')[3] ?? '', 'base64url').toString('latin1')).not.toContain('xoxb');
    expect(decryptSecret(key, a, 'T0ACME')).toBe(token);
    expect(decryptSecret(key, encryptSecret(key, 'é 🚀', ''), '')).toBe('é 🚀');
  });

  it.each([
    ['a flipped IV bit', (s: string) => flip(s, 1)],
    ['a flipped tag bit', (s: string) => flip(s, 2)],
    ['a flipped ciphertext bit', (s: string) => flip(s, 3)],
    ['a truncated ciphertext', (s: string) => s.slice(0, -4)],
    ['an unknown version', (s: string) => s.replace(/^v1/, 'v9')],
    ['a missing part', (s: string) => s.split('.').slice(0, 3).join('.')],
    ['plain text', () => 'xoxb-123-456-secret'],
  ])('detects tampering: %s', (_what, tamper) => {
    const sealed = encryptSecret(key, token, 'T0ACME');
    expect(() => decryptSecret(key, tamper(sealed), 'T0ACME')).toThrow(TokenDecryptError);
  });

  it('does not open with another key, or for another tenant', () => {
    const sealed = encryptSecret(key, token, 'T0ACME');
    expect(() => decryptSecret(randomBytes(32), sealed, 'T0ACME')).toThrow(TokenDecryptError);
    expect(() => decryptSecret(key, sealed, 'T0OTHER')).toThrow(TokenDecryptError);
  });

  it('never puts the secret in its error message', () => {
    const sealed = encryptSecret(key, token, 'T0ACME');
    try {
      decryptSecret(randomBytes(32), sealed, 'T0ACME');
    } catch (error) {
      expect((error as Error).message).not.toContain('xoxb');
      expect((error as Error).message).toMatch(/KPIBOT_ENCRYPTION_KEY/);
    }
  });

  it('refuses a key that is not 32 bytes', () => {
    expect(() => encryptSecret(randomBytes(16), token)).toThrow(/32 bytes/);
  });
});
