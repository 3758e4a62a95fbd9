import { expect, test } from 'vitest';

import { ConfigError, loadConfig, parseDatabaseUrl } from '../../src/server/config.js';
import { CLERK_JWT_KEY } from '../helpers/clerkTokens.js';
import { TEST_API_KEY } from '../helpers/testServer.js';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

const badValues: Array<[string, string]> = [
  ['PORT', 'eighty'],
  ['PORT', '70000'],
  ['PORT', '-1'],
  ['PORT', '80.5'],
  ['HOST', ''],
  ['DATABASE_URL', 'mysql://localhost/usage'],
  ['ALLOWED_ORIGINS', 'not a url'],
  ['ALLOWED_ORIGINS', 'https://app.example.com/dashboard'],
  ['CLERK_JWT_KEY', 'sk_test_not_a_pem_key'],
  ['USAGE_API_KEYS', 'short'],
  ['RATE_LIMIT_PER_MINUTE', 'lots'],
  ['RATE_LIMIT_PER_MINUTE', '-5'],
  ['BODY_LIMIT_BYTES', '100'],
  ['LOG_LEVEL', 'loud'],
];

test.each(badValues)('%s=%j stops with the variable named', (variable, value) => {
  const problems = problemsOf({ USAGE_API_KEYS: TEST_API_KEY, [variable]: value });

  expect(
    problems.some((problem) => problem.startsWith(`${variable}:`)),
    problems.join('\n'),
  ).toBe(true);
});

test('every bad variable is listed at once, and the message lists them too', () => {
  const env = { PORT: 'x', LOG_LEVEL: 'loud', USAGE_API_KEYS: 'short' };

  expect(() => loadConfig(env)).toThrow(/PORT[\s\S]*USAGE_API_KEYS|USAGE_API_KEYS[\s\S]*PORT/);
  expect(
    problemsOf(env)
      .map((problem) => problem.split(':')[0])
      .sort(),
  ).toEqual(['LOG_LEVEL', 'PORT', 'USAGE_API_KEYS']);
});

test('open mode is refused on a non-loopback HOST, with what to do', () => {
  const problems = problemsOf({ HOST: '0.0.0.0' });

  expect(problems).toHaveLength(1);
  expect(problems[0]).toMatch(/^HOST: 0\.0\.0\.0 is not a loopback address/);
  expect(problems[0]).toContain('USAGE_API_KEYS');
});

test('a non-loopback HOST is fine once authentication is configured', () => {
  expect(loadConfig({ HOST: '0.0.0.0', USAGE_API_KEYS: TEST_API_KEY }).openMode).toBe(false);
  expect(loadConfig({ HOST: '0.0.0.0', CLERK_JWT_KEY }).openMode).toBe(false);
});

test('the defaults are the documented ones', () => {
  const config = loadConfig({});

  expect(config).toMatchObject({
    PORT: 8001,
    HOST: '127.0.0.1',
    ALLOWED_ORIGINS: ['http://localhost:5173', 'http://localhost:8001'],
    USAGE_API_KEYS: [],
    openMode: true,
    databaseUrl: { kind: 'sqlite', path: './data/usage.db' },
  });
});

test('lists are split on commas and trimmed; blank secrets count as unset', () => {
  const config = loadConfig({
    USAGE_API_KEYS: ` ${TEST_API_KEY} , ${TEST_API_KEY}-two ,`,
    ALLOWED_ORIGINS: 'https://a.example.com, http://localhost:3000',
    CLERK_SECRET_KEY: '   ',
  });

  expect(config.USAGE_API_KEYS).toEqual([TEST_API_KEY, `${TEST_API_KEY}-two`]);
  expect(config.ALLOWED_ORIGINS).toEqual(['https://a.example.com', 'http://localhost:3000']);
  expect(config.CLERK_SECRET_KEY).toBeUndefined();
});

test('DATABASE_URL: file:, a bare path and postgres:// are understood', () => {
  expect(parseDatabaseUrl('file:/tmp/u.db')).toEqual({ kind: 'sqlite', path: '/tmp/u.db' });
  expect(parseDatabaseUrl('data/u.db')).toEqual({ kind: 'sqlite', path: 'data/u.db' });
  expect(parseDatabaseUrl('postgres://u@h/db')).toEqual({
    kind: 'postgres',
    url: 'postgres://u@h/db',
  });
  expect(parseDatabaseUrl('postgresql://u@h/db').kind).toBe('postgres');
});

test('regression: an origin that is not a URL is a ConfigError naming ALLOWED_ORIGINS', () => {
  expect(problemsOf({ ALLOWED_ORIGINS: 'http://localhost:5173, not a url' })).toEqual([
    expect.stringMatching(/^ALLOWED_ORIGINS: .*\(item 2\)$/) as unknown,
  ]);
});

test('regression: a blank number in a .env file means the default, not 0', () => {
  const config = loadConfig({ PORT: '', RATE_LIMIT_PER_MINUTE: ' ', BODY_LIMIT_BYTES: '' });

  expect(config.PORT).toBe(8001);
  expect(config.RATE_LIMIT_PER_MINUTE).toBe(6000);
  expect(config.BODY_LIMIT_BYTES).toBe(1_048_576);
});

test('PORT=0 still asks for a free port, and RATE_LIMIT_PER_MINUTE=0 turns the limit off', () => {
  const config = loadConfig({ PORT: '0', RATE_LIMIT_PER_MINUTE: '0' });

  expect(config.PORT).toBe(0);
  expect(config.RATE_LIMIT_PER_MINUTE).toBe(0);
});
