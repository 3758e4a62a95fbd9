import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';

/** The Frontend API host the test Clerk instance pretends to have. */
export const CLERK_TEST_HOST = 'clerk.usage.test';

/** The issuer Clerk puts in session tokens: its Frontend API URL. */
export const CLERK_TEST_ISSUER = `https://${CLERK_TEST_HOST}`;

/** A publishable key as Clerk shapes them: `pk_test_` + base64 of `host$`. */
export const CLERK_TEST_PUBLISHABLE_KEY = `pk_test_${Buffer.from(`${CLERK_TEST_HOST}$`).toString('base64')}`;

/** The origin the dashboard runs on; tokens carry it as their authorized party (`azp`). */
export const DASHBOARD_ORIGIN = 'http://localhost:5173';

const KEY_ID = 'ins_test_key';

function newKeyPair() {
  return generateKeyPairSync('rsa', { modulusLength: 2048 });
}

const signingKeys = newKeyPair();
const otherKeys = newKeyPair();

/** The PEM public key to configure as `CLERK_JWT_KEY`. */
export const CLERK_JWT_KEY = signingKeys.publicKey
  .export({ type: 'spki', format: 'pem' })
  .toString();

/** The environment a server needs to verify the tokens below. */
export const clerkEnv: Record<string, string> = {
  CLERK_JWT_KEY,
  CLERK_PUBLISHABLE_KEY: CLERK_TEST_PUBLISHABLE_KEY,
  ALLOWED_ORIGINS: DASHBOARD_ORIGIN,
};

export interface SessionTokenOptions {
  /** The signed-in user, the `sub` claim. */
  userId?: string;
  /** Already expired: `exp` a few minutes in the past. */
  expired?: boolean;
  /** Not valid yet: `nbf` and `iat` a few minutes in the future. */
  notYetValid?: boolean;
  /** Signed by a key the server does not know. */
  otherKey?: boolean;
  /** No signature at all, `alg: "none"`. */
  algNone?: boolean;
  /** The authorized party; defaults to the dashboard's origin. */
  azp?: string;
  /** The issuer; defaults to the test instance's Frontend API. */
  issuer?: string;
  /** The instant the token is made at, epoch milliseconds; the real clock by default. */
  now?: number;
}

function base64url(value: string | Buffer): string {
  return Buffer.from(value).toString('base64url');
}

function claimsFor(options: SessionTokenOptions): Record<string, unknown> {
  const nowSeconds = Math.floor((options.now ?? Date.now()) / 1000);
  const issuedAt = options.notYetValid ? nowSeconds + 300 : nowSeconds - 10;
  const expiresAt = options.expired ? nowSeconds - 300 : issuedAt + 60;
  return {
    sub: options.userId ?? 'user_123',
    azp: options.azp ?? DASHBOARD_ORIGIN,
    iat: options.expired ? expiresAt - 60 : issuedAt,
    nbf: options.expired ? expiresAt - 60 : issuedAt,
    exp: expiresAt,
    iss: options.issuer ?? CLERK_TEST_ISSUER,
    sid: 'sess_test_123',
  };
}

function sign(input: string, key: KeyObject): string {
  return createSign('RSA-SHA256').update(input).sign(key).toString('base64url');
}

/** A Clerk-shaped RS256 session token, valid unless the options break it. */
export function sessionToken(options: SessionTokenOptions = {}): string {
  const header = { alg: options.algNone ? 'none' : 'RS256', typ: 'JWT', kid: KEY_ID };
  const signingInput = `${base64url(JSON.stringify(header))}.${base64url(
    JSON.stringify(claimsFor(options)),
  )}`;

  if (options.algNone) return `${signingInput}.`;
  const key = options.otherKey ? otherKeys.privateKey : signingKeys.privateKey;
  return `${signingInput}.${sign(signingInput, key)}`;
}
