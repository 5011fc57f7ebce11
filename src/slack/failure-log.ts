import type { Logger } from '../runtime/logger.ts';

const MAX_TEXT = 120;

/** What an operator needs to follow a failed Slack request up: where, who, what was asked (cut), why. Never a token. */
export interface FailureContext {
  where: string;
  tenantId?: string | null | undefined;
  userId?: string | null | undefined;
  text?: string | null | undefined;
}

export function logSlackFailure(log: Logger, error: unknown, at: FailureContext): void {
  const err = error instanceof Error ? error : new Error(String(error));
  log.error(
    {
      where: at.where,
      tenantId: at.tenantId ?? null,
      userId: at.userId ?? null,
      text: truncate(at.text),
      code: (err as { code?: unknown }).code,
      err: { name: err.name, message: err.message, stack: err.stack },
    },
    'Slack request failed',
  );
}

export function truncate(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  return text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT)}…` : text;
}
