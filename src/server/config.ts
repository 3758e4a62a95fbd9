import { isIPv4 } from 'node:net';

import { z } from 'zod';

const DEFAULT_ORIGINS = 'http://localhost:5173,http://localhost:8001';

const commaList = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item.length > 0),
);

const optionalSecret = z
  .string()
  .optional()
  .transform((value) => (value && value.trim() !== '' ? value.trim() : undefined));

function isBareOrigin(value: string): boolean {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
}

// The refinement runs even after the URL check failed, so it must not throw on a non-URL.
const origin = z.string().refine(isBareOrigin, {
  error: 'each origin must be scheme://host[:port] with no path, e.g. https://app.example.com',
});

/**
 * A whole number from the environment. A blank value (`RATE_LIMIT_PER_MINUTE=` in a .env file)
 * means unset, as for the secrets: read as a number it would be 0, which turns the rate limit
 * off or picks a random port without a word.
 */
const wholeNumber = (min: number, max: number, fallback: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    z.coerce
      .number({ error: `must be a whole number from ${min} to ${max}` })
      .int({ error: `must be a whole number from ${min} to ${max}` })
      .min(min, { error: `must be at least ${min}` })
      .max(max, { error: `must be at most ${max}` })
      .default(fallback),
  );

const EnvSchema = z.object({
  PORT: wholeNumber(0, 65_535, 8001),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().min(1).default('file:./data/usage.db'),
  ALLOWED_ORIGINS: commaList.prefault(DEFAULT_ORIGINS).pipe(z.array(origin)),
  CLERK_SECRET_KEY: optionalSecret,
  CLERK_PUBLISHABLE_KEY: optionalSecret,
  CLERK_JWT_KEY: optionalSecret.refine((key) => !key || key.includes('BEGIN PUBLIC KEY'), {
    error: 'must be the PEM public key, starting with -----BEGIN PUBLIC KEY-----',
  }),
  USAGE_API_KEYS: commaList
    .prefault('')
    .pipe(z.array(z.string().min(16, { error: 'each API key must be at least 16 characters' }))),
  RATE_LIMIT_PER_MINUTE: wholeNumber(0, 1_000_000, 6000),
  BODY_LIMIT_BYTES: wholeNumber(1024, 100 * 1_048_576, 1_048_576),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NODE_ENV: z.string().default('development'),
});

export type Config = z.infer<typeof EnvSchema> & {
  databaseUrl: DatabaseLocation;
  /** True when neither Clerk nor an API key is configured: anyone on loopback may do anything. */
  openMode: boolean;
};

export type DatabaseLocation = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function parseDatabaseUrl(value: string): DatabaseLocation {
  if (/^postgres(ql)?:\/\//.test(value)) return { kind: 'postgres', url: value };
  if (value.startsWith('file:')) return { kind: 'sqlite', path: value.slice('file:'.length) };
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) {
    throw new ConfigError([
      'DATABASE_URL: use file:PATH (or a bare path) for SQLite, or postgres://... for PostgreSQL',
    ]);
  }
  return { kind: 'sqlite', path: value };
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_HOSTS.has(host) || (isIPv4(host) && host.startsWith('127.'));
}

/** "USAGE_API_KEYS: ... (item 2)": the variable as it is spelt, then which item of a list. */
function describeEnvIssue(issue: z.core.$ZodIssue): string {
  const [variable, item] = issue.path;
  const position = typeof item === 'number' ? ` (item ${item + 1})` : '';
  return `${String(variable ?? 'environment')}: ${issue.message}${position}`;
}

/** Reads the environment once at start-up; any bad value is reported with its variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map(describeEnvIssue));
  }

  const values = parsed.data;
  const clerkConfigured = Boolean(values.CLERK_SECRET_KEY || values.CLERK_JWT_KEY);
  const openMode = !clerkConfigured && values.USAGE_API_KEYS.length === 0;
  if (openMode && !isLoopbackHost(values.HOST)) {
    throw new ConfigError([
      `HOST: ${values.HOST} is not a loopback address, and no CLERK_SECRET_KEY, CLERK_JWT_KEY ` +
        'or USAGE_API_KEYS is set; configure authentication or listen on 127.0.0.1',
    ]);
  }

  return { ...values, databaseUrl: parseDatabaseUrl(values.DATABASE_URL), openMode };
}
