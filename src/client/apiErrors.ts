import { TRPCClientError } from '@trpc/client';

function httpStatusOf(error: unknown): number | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  const data: unknown = error.data;
  if (typeof data !== 'object' || data === null || !('httpStatus' in data)) return undefined;
  return typeof data.httpStatus === 'number' ? data.httpStatus : undefined;
}

/** The server refused the credentials: the session ended or nobody is signed in. */
export function isUnauthorized(error: unknown): boolean {
  return httpStatusOf(error) === 401;
}

/** A 4xx answer: asking again unchanged would be refused again. */
export function isClientError(error: unknown): boolean {
  const status = httpStatusOf(error);
  return status !== undefined && status >= 400 && status < 500 && status !== 429;
}

/** What to tell a person about a failed request, in words they can act on. */
export function describeApiError(error: unknown): string {
  if (httpStatusOf(error) === undefined) {
    return 'The usage service did not answer. Check that it is running, then try again.';
  }
  const message = error instanceof Error ? error.message : '';
  return message ? `The usage service answered: ${message}` : 'The usage service refused.';
}
