/**
 * How a sender tells the outbox what went wrong. Three questions decide what happens next: can a retry help
 * (`permanent`), when may it be tried again (`retryAfterMs`, e.g. a 429's Retry-After), and could the message have
 * gone out anyway (`mayHavePosted`: a timeout or a 5xx after the request reached the platform).
 */
export class DeliveryError extends Error {
  readonly code: string;
  readonly permanent: boolean;
  readonly retryAfterMs: number | null;
  readonly mayHavePosted: boolean;

  constructor(
    code: string,
    message: string,
    opts: {
      permanent?: boolean;
      retryAfterMs?: number | null;
      mayHavePosted?: boolean;
      cause?: unknown;
    } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'DeliveryError';
    this.code = code;
    this.permanent = opts.permanent ?? false;
    this.retryAfterMs = opts.retryAfterMs ?? null;
    this.mayHavePosted = opts.mayHavePosted ?? false;
  }
}

/**
 * Anything a sender did not classify: transient, and it may have posted (a network error after the request left).
 * Only the message is kept, never the error object, which can carry request headers with a token.
 */
export function asDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new DeliveryError('send_failed', message, { mayHavePosted: true });
}
