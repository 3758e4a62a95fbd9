import type { Response } from 'express';
import type { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';

import type { FieldIssue } from '../fieldIssues.js';
import { describeError } from '../trpc/errorDetails.js';

/** The one shape every REST error has. */
export interface ErrorEnvelope {
  error: {
    status: number;
    code: string;
    message: string;
    issues?: FieldIssue[];
    request_id: string;
  };
}

export interface HttpProblem {
  status: number;
  code: string;
  message: string;
  issues?: FieldIssue[];
  retryAfterSeconds?: number;
}

export function sendProblem(res: Response, problem: HttpProblem): void {
  if (problem.retryAfterSeconds !== undefined) {
    res.setHeader('Retry-After', String(problem.retryAfterSeconds));
  }

  const { status, code, message, issues } = problem;
  const body: ErrorEnvelope = {
    error: {
      status,
      code,
      message,
      ...(issues ? { issues } : {}),
      request_id: String(res.locals.requestId ?? ''),
    },
  };
  res.status(status).json(body);
}

/** The HTTP answer for an error a procedure threw: the status comes from tRPC's own table. */
export function problemFromTrpcError(error: TRPCError): HttpProblem {
  return { status: getHTTPStatusCodeFromError(error), code: error.code, ...describeError(error) };
}
