import express, { type ErrorRequestHandler, type RequestHandler } from 'express';

import { sendProblem } from './errorEnvelope.js';

/** Only JSON bodies are read; anything else is refused before it is parsed. */
export const requireJsonBody: RequestHandler = (req, res, next) => {
  if (req.method !== 'POST') return next();
  const contentType = req.headers['content-type'];
  // The common spelling is checked directly; anything else goes through the full parser.
  if (contentType === 'application/json' || req.is('application/json')) return next();

  const sent = req.get('content-type') ?? 'no Content-Type';
  sendProblem(res, {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: `the body must be JSON sent with "Content-Type: application/json" (got ${sent})`,
  });
};

export function parseJsonBody(limitBytes: number): RequestHandler {
  return express.json({ limit: limitBytes, strict: false, type: 'application/json' });
}

interface BodyParserError {
  type?: string;
  status?: number;
  limit?: number;
  message?: string;
}

/** Turns the body parser's failures into the JSON envelope instead of an HTML page. */
export function bodyErrors(limitBytes: number): ErrorRequestHandler {
  return (error: BodyParserError, _req, res, next) => {
    switch (error.type) {
      case 'entity.too.large':
        return sendProblem(res, {
          status: 413,
          code: 'PAYLOAD_TOO_LARGE',
          message: `the body is larger than ${limitBytes} bytes; send fewer events per request`,
        });
      case 'entity.parse.failed':
        return sendProblem(res, {
          status: 400,
          code: 'BAD_REQUEST',
          message: `the body is not valid JSON (${error.message ?? 'parse error'})`,
        });
      case 'encoding.unsupported':
        return sendProblem(res, {
          status: 415,
          code: 'UNSUPPORTED_MEDIA_TYPE',
          message: 'the Content-Encoding must be gzip, deflate, br or none',
        });
      case 'charset.unsupported':
        return sendProblem(res, {
          status: 415,
          code: 'UNSUPPORTED_MEDIA_TYPE',
          message: 'the body must be JSON in UTF-8',
        });
      case 'request.aborted':
        return sendProblem(res, {
          status: 400,
          code: 'BAD_REQUEST',
          message: 'the request was aborted before its body arrived',
        });
      default:
        // Any other failure to read the body (a corrupt gzip stream, say) is the caller's.
        if (error.status !== undefined && error.status >= 400 && error.status < 500) {
          return sendProblem(res, {
            status: 400,
            code: 'BAD_REQUEST',
            message: 'the body could not be read; check its Content-Encoding and length',
          });
        }
        return next(error);
    }
  };
}
