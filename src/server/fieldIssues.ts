import { TRPCError } from '@trpc/server';
import type { z } from 'zod';

/** One thing wrong with a request, named so the caller knows what to fix. */
export interface FieldIssue {
  field: string;
  message: string;
}

/** Carries field issues through a `TRPCError`, for rules that need more than a schema. */
export class FieldIssuesError extends Error {
  constructor(readonly issues: FieldIssue[]) {
    super(issues.map((issue) => `${issue.field} ${issue.message}`).join('; '));
    this.name = 'FieldIssuesError';
  }
}

export function badField(field: string, message: string): TRPCError {
  return new TRPCError({
    code: 'BAD_REQUEST',
    message: `${field} ${message}`,
    cause: new FieldIssuesError([{ field, message }]),
  });
}

/** A field path as callers write it: `duration`, or `[3].duration` inside a batch. */
export function fieldName(path: readonly PropertyKey[]): string {
  let name = '';
  for (const key of path) {
    name += typeof key === 'number' ? `[${key}]` : name === '' ? String(key) : `.${String(key)}`;
  }
  return name;
}

/** A request can break thousands of rules; the answer names the first ones and counts the rest. */
export const MAX_REPORTED_ISSUES = 50;

/** One issue per bad field; each unknown field is its own issue, named by itself. */
export function issuesFromZod(error: z.ZodError): FieldIssue[] {
  const issues = error.issues.flatMap((issue): FieldIssue[] => {
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: fieldName([...issue.path, key]),
        message: 'is not a known field; check its spelling',
      }));
    }
    return [{ field: fieldName(issue.path) || 'body', message: issue.message }];
  });
  if (issues.length <= MAX_REPORTED_ISSUES) return issues;

  const more = issues.length - MAX_REPORTED_ISSUES;
  return [
    ...issues.slice(0, MAX_REPORTED_ISSUES),
    { field: 'body', message: `and ${more} more problems like these; fix the ones above first` },
  ];
}
