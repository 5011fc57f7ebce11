import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * Secrets at rest (Slack installations): AES-256-GCM with KPIBOT_ENCRYPTION_KEY. The stored text is
 * `v1.<iv>.<auth tag>.<ciphertext>` in base64url, so the format can evolve and a tampered row fails to open
 * instead of yielding garbage. The optional context (e.g. the tenant id) is bound as additional authenticated
 * data: a row copied onto another tenant does not decrypt.
 */

const VERSION = 'v1';
const IV_BYTES = 12;

export class TokenDecryptError extends Error {
  readonly code = 'token_decrypt_failed';
  constructor(reason: string) {
    super(`Cannot decrypt a stored secret (${reason}): wrong KPIBOT_ENCRYPTION_KEY or a tampered row`);
  }
}

export function encryptSecret(key: Buffer, plaintext: string, context = ''): string {
  assertKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return [VERSION, iv, cipher.getAuthTag(), body].map(encodePart).join('.');
}

export function decryptSecret(key: Buffer, sealed: string, context = ''): string {
  assertKey(key);
  const parts = sealed.split('.');
  if (parts.length !== 4 || parts[0] !== VERSION) throw new TokenDecryptError('unknown format');
  const [iv, tag, body] = parts.slice(1).map((p) => Buffer.from(p, 'base64url')) as [Buffer, Buffer, Buffer];
  if (iv.length !== IV_BYTES || tag.length !== 16) throw new TokenDecryptError('unknown format');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
  } catch {
    throw new TokenDecryptError('authentication failed');
  }
}

function encodePart(part: string | Buffer): string {
  return typeof part === 'string' ? part : part.toString('base64url');
}

function assertKey(key: Buffer): void {
  if (key.length !== 32) throw new Error('The encryption key must be 32 bytes (KPIBOT_ENCRYPTION_KEY)');
}
