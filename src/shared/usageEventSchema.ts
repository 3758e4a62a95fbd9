import { z } from 'zod';

/** The longest an action may take, in seconds: one day. */
export const MAX_DURATION_SECONDS = 86_400;

/** How far ahead of the server's clock an event's timestamp may be, in milliseconds. */
export const MAX_CLOCK_AHEAD_MS = 5 * 60 * 1000;

/** The most events one batch may carry. */
export const MAX_BATCH_SIZE = 1000;

const CONTROL_CHARACTERS = /\p{Cc}/u;
/** Half of a UTF-16 pair with no other half: not text, and no database stores it faithfully. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * A type error that tells a missing field apart from one of the wrong type. Messages leave
 * out the field's name: each issue names its field beside the message.
 */
export const expecting =
  (expectation: string) =>
  (issue: { input?: unknown }): string =>
    issue.input === undefined
      ? 'is required'
      : typeof issue.input === 'number'
        ? 'must be a finite number'
        : `must be ${expectation}`;

const textWithoutControls = (maxLength: number) =>
  z
    .string({ error: expecting('a string') })
    .min(1, { error: 'must not be empty' })
    .max(maxLength, { error: `must be at most ${maxLength} characters` })
    .refine((value) => !CONTROL_CHARACTERS.test(value), {
      error: 'must not contain control characters',
    })
    .refine((value) => !LONE_SURROGATE.test(value), {
      error: 'must be valid Unicode text (it holds half of a surrogate pair)',
    });

export const UserIdSchema = textWithoutControls(128);

export const ActionSchema = z
  .string({ error: expecting('a string naming the agent, e.g. "lead_generation"') })
  .regex(/^[a-z0-9_-]{1,64}$/, {
    error: 'must be 1 to 64 lowercase letters, digits, "_" or "-", e.g. "lead_generation"',
  });

export const EventIdSchema = textWithoutControls(128);

/**
 * An ISO 8601 instant with an explicit zone ("Z" or "+02:00"). Whether it is too far in the
 * future depends on the server's clock, so that rule is checked where the clock lives.
 */
export const TimestampSchema = z.iso.datetime({
  offset: true,
  error: expecting('ISO 8601 with a zone, e.g. "2026-03-09T23:30:00Z"'),
});

/** One usage event as a caller sends it: after an agent's action ran. */
export const TrackUsageInputSchema = z.strictObject(
  {
    user_id: UserIdSchema.optional(),
    action: ActionSchema,
    duration: z
      .number({ error: expecting('a number of seconds such as 2.5, not a string') })
      .min(0, { error: 'must be at least 0 seconds' })
      .max(MAX_DURATION_SECONDS, { error: `must be at most ${MAX_DURATION_SECONDS} seconds` }),
    success: z.boolean({ error: expecting('true or false, not a string') }),
    event_id: EventIdSchema.optional(),
    timestamp: TimestampSchema.optional(),
  },
  { error: expecting('a JSON object with action, duration, success and user_id') },
);

export type TrackUsageInput = z.infer<typeof TrackUsageInputSchema>;

export const TrackUsageBatchInputSchema = z
  .array(TrackUsageInputSchema, { error: expecting('a JSON array of usage events') })
  .min(1, { error: 'must hold at least one usage event' })
  .max(MAX_BATCH_SIZE, { error: `may hold at most ${MAX_BATCH_SIZE} usage events` });

export type TrackUsageBatchInput = z.infer<typeof TrackUsageBatchInputSchema>;

/** A stored usage event, as the metrics' activity feed and `trackUsage` answer it. */
export const UsageEventSchema = z.object({
  id: z.number().int(),
  user_id: z.string(),
  action: z.string(),
  duration: z.number(),
  success: z.boolean(),
  timestamp: z.string(),
  event_id: z.string().nullable(),
});

export type UsageEvent = z.infer<typeof UsageEventSchema>;

/** What recording one event answers: the stored event, and whether it was a retry. */
export const TrackUsageResultSchema = z.object({
  duplicate: z.boolean(),
  event: UsageEventSchema,
});

export type TrackUsageResult = z.infer<typeof TrackUsageResultSchema>;

/** One event of a batch, answered briefly: a batch's answer stays small beside its request. */
export const BatchItemResultSchema = z.object({
  id: z.number().int(),
  event_id: z.string().nullable(),
  duplicate: z.boolean(),
});

export const TrackUsageBatchResultSchema = z.object({
  stored: z.number().int(),
  duplicates: z.number().int(),
  /** In the order of the request. */
  results: z.array(BatchItemResultSchema),
});

export type TrackUsageBatchResult = z.infer<typeof TrackUsageBatchResultSchema>;
