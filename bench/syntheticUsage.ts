import type { NewUsageEvent } from '../src/server/storage/usageStore.js';

/**
 * Usage shaped like a real deployment's: hundreds of users of uneven activity, a dozen
 * agents of uneven popularity, 90 days of history, and a share of events that arrive late,
 * recorded with a timestamp well before they were received.
 */
export interface UsageShape {
  users: number;
  agents: string[];
  days: number;
  lateShare: number;
}

export const REALISTIC_SHAPE: UsageShape = {
  users: 400,
  agents: [
    'lead_generation',
    'financial_analysis',
    'email_drafting',
    'meeting_summary',
    'crm_enrichment',
    'competitor_research',
    'pricing_quote',
    'churn_prediction',
    'call_transcription',
    'proposal_writer',
    'territory_planning',
    'forecast_review',
  ],
  days: 90,
  lateShare: 0.05,
};

const DAY_MS = 24 * 60 * 60 * 1000;

/** A small, fast, seeded generator, so that every run builds the same data set. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Skewed picks: a few users and agents account for most of the traffic, as in life. */
function skewedIndex(random: () => number, size: number): number {
  return Math.min(size - 1, Math.floor(size * random() ** 2.2));
}

export function userName(index: number): string {
  return `user_${String(index).padStart(4, '0')}`;
}

/**
 * Yields `count` events in arrival order over `shape.days` days ending at `now`. Each
 * event's duration follows the agents' typical times; about 4 % fail.
 */
export function* syntheticEvents(
  count: number,
  now: number,
  shape: UsageShape = REALISTIC_SHAPE,
  seed = 42,
): Generator<NewUsageEvent> {
  const random = seededRandom(seed);
  const start = now - shape.days * DAY_MS;
  const step = (shape.days * DAY_MS) / count;

  for (let index = 0; index < count; index += 1) {
    const receivedAt = Math.floor(start + index * step);
    const late = random() < shape.lateShare;
    const occurredAt = late ? receivedAt - Math.floor(random() * 3 * DAY_MS) : receivedAt;
    const agent = shape.agents[skewedIndex(random, shape.agents.length)]!;

    yield {
      userId: userName(skewedIndex(random, shape.users)),
      action: agent,
      durationSeconds: Math.round((0.2 + random() * 4 * (1 + (agent.length % 3))) * 1000) / 1000,
      success: random() >= 0.04,
      occurredAt,
      receivedAt,
      caller: 'local',
      eventId: null,
    };
  }
}
