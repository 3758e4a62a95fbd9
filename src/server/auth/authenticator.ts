import type { Config } from '../config.js';
import { ApiKeyRing } from './apiKeys.js';
import { ClerkSessions } from './clerkSessions.js';
import type { Authentication } from './principal.js';

/** The parts of a request that carry credentials; nothing else is looked at. */
export interface Credentials {
  authorization?: string | undefined;
  apiKey?: string | undefined;
  cookie?: string | undefined;
  remoteAddress?: string | undefined;
}

const SESSION_COOKIE = /(?:^|;\s*)__session=([^;]+)/;
const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]*$/;

function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/** A cookie value as sent; one that is not valid percent-encoding is kept raw and then fails. */
function decodeCookieValue(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

function presentedSecret(credentials: Credentials): string | undefined {
  const bearer = /^Bearer\s+(.+)$/i.exec(credentials.authorization ?? '')?.[1]?.trim();
  if (bearer) return bearer;
  if (credentials.apiKey) return credentials.apiKey.trim();
  const cookie = SESSION_COOKIE.exec(credentials.cookie ?? '')?.[1];
  return cookie ? decodeCookieValue(cookie) : undefined;
}

const NO_CREDENTIALS =
  'no credentials: send "Authorization: Bearer <Clerk session token or API key>"';

/**
 * Decides who a request comes from. Open local mode (no Clerk, no API key configured)
 * accepts only loopback callers, so a misconfigured server never opens itself to a network.
 */
export class Authenticator {
  private readonly apiKeys: ApiKeyRing;
  private readonly sessions: ClerkSessions | null;

  constructor(private readonly config: Config) {
    this.apiKeys = new ApiKeyRing(config.USAGE_API_KEYS);
    const clerkConfigured = Boolean(config.CLERK_SECRET_KEY || config.CLERK_JWT_KEY);
    this.sessions = clerkConfigured
      ? new ClerkSessions({
          secretKey: config.CLERK_SECRET_KEY,
          publishableKey: config.CLERK_PUBLISHABLE_KEY,
          jwtKey: config.CLERK_JWT_KEY,
          authorizedParties: config.ALLOWED_ORIGINS,
        })
      : null;
  }

  async authenticate(credentials: Credentials): Promise<Authentication> {
    if (this.config.openMode) {
      return isLoopbackAddress(credentials.remoteAddress)
        ? { ok: true, principal: { kind: 'local' } }
        : { ok: false, reason: 'open local mode answers only callers on this machine' };
    }

    const secret = presentedSecret(credentials);
    if (!secret) return { ok: false, reason: NO_CREDENTIALS };

    const keyId = this.apiKeys.size > 0 ? this.apiKeys.identify(secret) : null;
    if (keyId) return { ok: true, principal: { kind: 'service', keyId } };

    if (this.sessions && JWT_SHAPE.test(secret)) {
      const session = await this.sessions.check(secret);
      return session.ok
        ? { ok: true, principal: { kind: 'user', userId: session.userId } }
        : { ok: false, reason: session.reason };
    }

    return {
      ok: false,
      reason: this.sessions
        ? 'the credentials are neither a known API key nor a Clerk session token'
        : 'the API key is not valid',
    };
  }
}
