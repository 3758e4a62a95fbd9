import type { UsageEvent } from '../../../shared/usageEventSchema.js';
import type { NewUsageEvent } from '../usageStore.js';

/** A usage_events row as the queries select it. */
export interface EventRow {
  id: number;
  user_id: string;
  action: string;
  duration: number;
  success: number;
  occurred_at: number;
  event_id: string | null;
}

export const EVENT_COLUMNS = 'id, user_id, action, duration, success, occurred_at, event_id';

export function toUsageEvent(row: EventRow): UsageEvent {
  return {
    id: row.id,
    user_id: row.user_id,
    action: row.action,
    duration: row.duration,
    success: row.success === 1,
    timestamp: new Date(row.occurred_at).toISOString(),
    event_id: row.event_id,
  };
}

/** A newly stored event as callers see it, built from what was sent and its new id. */
export function storedEvent(event: NewUsageEvent, id: number): UsageEvent {
  return {
    id,
    user_id: event.userId,
    action: event.action,
    duration: event.durationSeconds,
    success: event.success,
    timestamp: new Date(event.occurredAt).toISOString(),
    event_id: event.eventId,
  };
}
