import type { IncomingMessage } from 'node:http';

export class BodyTooLargeError extends Error {
  readonly code = 'body_too_large';
}

/** The raw bytes of a request: Slack's signature covers them exactly, so nothing may parse them first. */
export async function readRawBody(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > limitBytes) throw new BodyTooLargeError(`request body over ${limitBytes} bytes`);
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/**
 * Slack's three body shapes: Events API JSON; slash commands as form fields; interactivity as a form field
 * `payload` holding JSON.
 */
export function parseSlackBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/json') {
    const parsed: unknown = JSON.parse(raw);
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not a JSON object');
    return parsed as Record<string, unknown>;
  }
  const form = new URLSearchParams(raw);
  const payload = form.get('payload');
  if (payload !== null) {
    const parsed: unknown = JSON.parse(payload);
    if (!parsed || typeof parsed !== 'object') throw new Error('payload is not a JSON object');
    return parsed as Record<string, unknown>;
  }
  return Object.fromEntries(form);
}
