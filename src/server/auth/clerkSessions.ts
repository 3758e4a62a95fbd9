import { verifyToken } from '@clerk/backend';

export interface ClerkSessionOptions {
  secretKey?: string;
  publishableKey?: string;
  jwtKey?: string;
  authorizedParties: string[];
  now?: () => number;
}

export type SessionCheck = { ok: true; userId: string } | { ok: false; reason: string };

interface CachedSession {
  userId: string;
  notBefore: number;
  expiresAt: number;
}

const CACHE_LIMIT = 10_000;

/** Clerk's publishable key carries its Frontend API host, which is the tokens' issuer. */
export function issuerFromPublishableKey(publishableKey: string): string | undefined {
  const match = /^pk_(test|live)_([A-Za-z0-9+/=_-]+)$/.exec(publishableKey);
  if (!match?.[2]) return undefined;
  const host = Buffer.from(match[2], 'base64').toString('utf8').replace(/\$$/, '');
  return /^[a-z0-9.-]+$/i.test(host) ? `https://${host}` : undefined;
}

/**
 * Verifies Clerk session tokens with Clerk's own SDK: signature, expiry, not-before,
 * authorized party and, when the publishable key names it, the issuer. With `jwtKey` no
 * network call is made.
 *
 * A token that verified once is remembered until it expires, because the same token comes
 * back on every request of its 60-second life; a remembered token is still refused the
 * moment it expires.
 */
export class ClerkSessions {
  private readonly verified = new Map<string, CachedSession>();
  private readonly issuer: string | undefined;
  private readonly now: () => number;

  constructor(private readonly options: ClerkSessionOptions) {
    this.issuer = options.publishableKey
      ? issuerFromPublishableKey(options.publishableKey)
      : undefined;
    this.now = options.now ?? Date.now;
  }

  async check(token: string): Promise<SessionCheck> {
    const cached = this.verified.get(token);
    if (cached) {
      const now = this.now();
      if (now >= cached.notBefore && now < cached.expiresAt)
        return { ok: true, userId: cached.userId };
      this.verified.delete(token);
    }
    return this.verify(token);
  }

  private async verify(token: string): Promise<SessionCheck> {
    let claims: Awaited<ReturnType<typeof verifyToken>>;
    try {
      claims = await verifyToken(token, {
        jwtKey: this.options.jwtKey,
        secretKey: this.options.secretKey,
        authorizedParties: this.options.authorizedParties,
        ...(this.issuer ? { issuer: this.issuer } : {}),
      });
    } catch (error) {
      const detail = error instanceof Error ? error.message : 'it did not verify';
      return { ok: false, reason: `the session token was refused: ${detail}` };
    }

    const { sub, exp, nbf } = claims;
    if (typeof sub !== 'string' || sub === '') {
      return { ok: false, reason: 'the session token names no user (sub claim)' };
    }
    this.remember(token, { userId: sub, notBefore: (nbf ?? 0) * 1000, expiresAt: exp * 1000 });
    return { ok: true, userId: sub };
  }

  private remember(token: string, session: CachedSession): void {
    if (this.verified.size >= CACHE_LIMIT) {
      const oldest = this.verified.keys().next();
      if (!oldest.done) this.verified.delete(oldest.value);
    }
    this.verified.set(token, session);
  }
}
