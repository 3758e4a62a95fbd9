import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * One JSON object a line. Credentials never reach a log line: the redaction below is a
 * second guard behind the rule that request headers and bodies are not logged at all.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'agent-usage' },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'],
      remove: true,
    },
  });
}
