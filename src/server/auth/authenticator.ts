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
  /** The Host header: which name the caller used to reach this server. */
  host?: string | undefined;
}

const SESSION_COOKIE = /(?:^|;\s*)__session=([^;]+)/;
const JWT_SHAPE = /^[\w-]+\.[\w-]+\.[\w-]*$/;

function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}

/** "localhost:8001", "127.0.0.1", "[::1]:8001": names that can only mean this machine. */
function isLoopbackHostHeader(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d+$/, '');
  return name === 'localhost' || name === '::1' || /^127\.\d+\.\d+\.\d+$/.test(name);
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

/**
 * Open local mode trusts the machine, so both ends must be this machine: the caller's address,
 * and the name it used. A web page that points its own domain at 127.0.0.1 (DNS rebinding)
 * reaches the right address under a foreign name, and is refused.
 */
function openModeAuthentication(credentials: Credentials): Authentication {
  if (!isLoopbackAddress(credentials.remoteAddress)) {
    return { ok: false, reason: 'open local mode answers only callers on this machine' };
  }
  if (!isLoopbackHostHeader(credentials.host)) {
    return {
      ok: false,
      reason: 'open local mode answers only requests to localhost or 127.0.0.1, not to other names',
    };
  }
  return { ok: true, principal: { kind: 'local' } };
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
    if (this.config.openMode) return openModeAuthentication(credentials);

    const secret = presentedSecret(credentials);
    if (!secret && credentials.authorization) {
      return { ok: false, reason: 'the Authorization header must read "Bearer <token or key>"' };
    }
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
