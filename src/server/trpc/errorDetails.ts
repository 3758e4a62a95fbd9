import type { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';

import { FieldIssuesError, issuesFromZod, type FieldIssue } from '../fieldIssues.js';
import { retryAfterOf } from './retryLater.js';

/** What a caller is told about a failed procedure, at either door. */
export interface ErrorDetails {
  message: string;
  issues?: FieldIssue[];
  retryAfterSeconds?: number;
}

function fieldIssuesOf(error: TRPCError): FieldIssue[] | undefined {
  if (error.cause instanceof ZodError) return issuesFromZod(error.cause);
  if (error.cause instanceof FieldIssuesError) return error.cause.issues;
  return undefined;
}

/**
 * One description per error, so the REST envelope and the tRPC shape say the same thing.
 * An unexpected error's own message stays in the server log: it may name internals.
 */
export function describeError(error: TRPCError): ErrorDetails {
  const issues = fieldIssuesOf(error);
  const retryAfterSeconds = retryAfterOf(error);

  let message = error.message;
  if (error.code === 'INTERNAL_SERVER_ERROR')
    message = 'internal error; the request was not stored';
  else if (issues) {
    message = `invalid request: ${issues.map((issue) => `${issue.field} ${issue.message}`).join('; ')}`;
  }

  return {
    message,
    ...(issues ? { issues } : {}),
    ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
  };
}
