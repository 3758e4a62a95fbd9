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

const origin = z.url().refine((value) => new URL(value).origin === value, {
  error: 'each origin must be scheme://host[:port] with no path, e.g. https://app.example.com',
});

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65_535).default(8001),
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
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).default(6000),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).default(1_048_576),
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
  return LOOPBACK_HOSTS.has(host) || host.startsWith('127.');
}

/** Reads the environment once at start-up; any bad value is reported with its variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map(
        (issue) => `${issue.path.join('.') || 'environment'}: ${issue.message}`,
      ),
    );
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
