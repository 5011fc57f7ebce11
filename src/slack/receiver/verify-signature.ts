import { createHmac, timingSafeEqual } from 'node:crypto';

/** Slack signs with a timestamp; older (or further in the future) than this, a request is refused. */
export const SIGNATURE_TOLERANCE_SECONDS = 5 * 60;

export type SignatureCheck =
  | { ok: true; timestamp: number }
  | { ok: false; reason: 'missing_headers' | 'bad_timestamp' | 'stale' | 'bad_signature' };

/**
 * Slack's request signing (v0): `v0=` + hex HMAC-SHA256 of `v0:{timestamp}:{raw body}` with the signing secret.
 * The timestamp must be within five minutes of now in both directions, so that the replay cache, which
 * remembers signatures for that long, covers every signature that could still pass.
 */
export function checkSlackSignature(opts: {
  signingSecret: string;
  rawBody: Buffer;
  signature: string | undefined;
  timestamp: string | undefined;
  nowMs: number;
}): SignatureCheck {
  const { signature, timestamp } = opts;
  if (!signature || !timestamp) return { ok: false, reason: 'missing_headers' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'bad_timestamp' };
  const ts = Number(timestamp);
  if (Math.abs(opts.nowMs / 1000 - ts) > SIGNATURE_TOLERANCE_SECONDS) return { ok: false, reason: 'stale' };
  const hmac = createHmac('sha256', opts.signingSecret);
  hmac.update(`v0:${timestamp}:`);
  hmac.update(opts.rawBody);
  const expected = Buffer.from(`v0=${hmac.digest('hex')}`, 'utf8');
  const given = Buffer.from(signature, 'utf8');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { ok: false, reason: 'bad_signature' };
  }
  return { ok: true, timestamp: ts };
}
