/** The cause of an error the caller should retry, with how long to wait. */
export class RetryLaterError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = 'RetryLaterError';
  }
}

/** Finds the wait a failed request asks for, if it asks for one. */
export function retryAfterOf(error: unknown): number | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth += 1) {
    if (current instanceof RetryLaterError) return current.retryAfterSeconds;
    current = current.cause;
  }
  return undefined;
}
