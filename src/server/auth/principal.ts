/** Who is calling, once their credentials have been checked. */
export type Principal =
  { kind: 'user'; userId: string } | { kind: 'service'; keyId: string } | { kind: 'local' };

/** The outcome of checking a request's credentials; failures say what to fix. */
export type Authentication = { ok: true; principal: Principal } | { ok: false; reason: string };

/**
 * The name an `event_id` is unique under. A user's retries and a service's retries are
 * each deduplicated on their own, so two callers can never collide on an id.
 */
export function callerKey(principal: Principal): string {
  switch (principal.kind) {
    case 'user':
      return `user:${principal.userId}`;
    case 'service':
      return `key:${principal.keyId}`;
    case 'local':
      return 'local';
  }
}
