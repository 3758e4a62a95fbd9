import { z } from 'zod';

import { canonicalTimeZone } from './timeZones.js';
import { UsageEventSchema, UserIdSchema } from './usageEventSchema.js';

export const DEFAULT_ACTIVITY_LIMIT = 10;
export const MAX_ACTIVITY_LIMIT = 100;

const TIME_ZONE_EXPECTED = 'must be an IANA time zone such as "Europe/Paris"';

/** A time zone, answered in its canonical spelling. */
export const TimeZoneSchema = z
  .string({ error: TIME_ZONE_EXPECTED })
  .max(64, { error: TIME_ZONE_EXPECTED })
  .transform((zone, ctx) => {
    const canonical = canonicalTimeZone(zone);
    if (canonical) return canonical;
    ctx.issues.push({ code: 'custom', message: TIME_ZONE_EXPECTED, input: zone });
    return z.NEVER;
  });

/** Whose metrics, which day, and how much of the activity feed; every part optional. */
export const UsageMetricsInputSchema = z
  .strictObject(
    {
      user_id: UserIdSchema.optional(),
      tz: TimeZoneSchema.default('UTC'),
      activity_limit: z
        .number({ error: 'must be a whole number from 1 to 100' })
        .int({ error: 'must be a whole number from 1 to 100' })
        .min(1, { error: 'must be at least 1' })
        .max(MAX_ACTIVITY_LIMIT, { error: `must be at most ${MAX_ACTIVITY_LIMIT}` })
        .default(DEFAULT_ACTIVITY_LIMIT),
    },
    { error: 'must be an object of user_id, tz and activity_limit' },
  )
  .prefault({});

export type UsageMetricsInput = z.input<typeof UsageMetricsInputSchema>;
export type UsageMetricsQuery = z.output<typeof UsageMetricsInputSchema>;

export const PerformanceStatsSchema = z.object({
  /** Mean duration in seconds; 0 with no events. */
  average_response_time: z.number(),
  /** Percent of actions that succeeded, 0 to 100; 0 with no events. */
  success_rate: z.number(),
  /** Actions whose `success` was false. */
  total_errors: z.number().int(),
});

/** The numbers a dashboard shows, for one user or for everyone. */
export const UsageMetricsSchema = z.object({
  total_searches: z.number().int(),
  today_usage: z.number().int(),
  recent_activity: z.array(UsageEventSchema),
  performance_stats: PerformanceStatsSchema,
  agent_usage: z.record(z.string(), z.number().int()),
});

export type UsageMetrics = z.infer<typeof UsageMetricsSchema>;
