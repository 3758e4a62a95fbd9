import { TRPCError } from '@trpc/server';

import { MAX_CLOCK_AHEAD_MS, type TrackUsageInput } from '../../shared/usageEventSchema.js';
import { callerKey, type Principal } from '../auth/principal.js';
import { badField } from '../fieldIssues.js';
import type { NewUsageEvent } from '../storage/usageStore.js';

/**
 * Applies the rules a schema cannot: whose event this may be, and whether its timestamp is
 * believable. `field` prefixes the names in errors, e.g. "[3]." inside a batch.
 */
export function toNewUsageEvent(
  input: TrackUsageInput,
  principal: Principal,
  now: number,
  field = '',
): NewUsageEvent {
  return {
    userId: ownerOf(input, principal, field),
    action: input.action,
    durationSeconds: input.duration,
    success: input.success,
    occurredAt: occurredAtOf(input, now, field),
    receivedAt: now,
    caller: callerKey(principal),
    eventId: input.event_id ?? null,
  };
}

function ownerOf(input: TrackUsageInput, principal: Principal, field: string): string {
  if (principal.kind === 'user') {
    if (input.user_id !== undefined && input.user_id !== principal.userId) {
      throw new TRPCError({
        code: 'FORBIDDEN',
        message: `${field}user_id: a signed-in user may record only its own events; omit user_id`,
      });
    }
    return principal.userId;
  }

  if (input.user_id === undefined) {
    throw badField(`${field}user_id`, 'is required: name the user the action ran for');
  }
  return input.user_id;
}

function occurredAtOf(input: TrackUsageInput, now: number, field: string): number {
  if (input.timestamp === undefined) return now;

  const occurredAt = Date.parse(input.timestamp);
  if (occurredAt > now + MAX_CLOCK_AHEAD_MS) {
    throw badField(
      `${field}timestamp`,
      `is more than 5 minutes ahead of the server's clock (${new Date(now).toISOString()})`,
    );
  }
  return occurredAt;
}
