import { TRPCError } from '@trpc/server';

import {
  TrackUsageBatchInputSchema,
  TrackUsageInputSchema,
  type TrackUsageBatchResult,
  type TrackUsageResult,
} from '../../shared/usageEventSchema.js';
import { UsageMetricsInputSchema, type UsageMetrics } from '../../shared/usageMetricsSchema.js';
import type { Principal } from '../auth/principal.js';
import { composeUsageMetrics } from '../composeUsageMetrics.js';
import { startOfToday } from '../time/startOfToday.js';
import { authedProcedure, publicProcedure, router } from './trpc.js';
import { toNewUsageEvent } from './usageEvents.js';

/** Whose metrics a principal asked for: null means everyone's. */
function metricsOwner(principal: Principal, requested: string | undefined): string | null {
  if (principal.kind !== 'user') return requested ?? null;
  if (requested !== undefined && requested !== principal.userId) {
    throw new TRPCError({
      code: 'FORBIDDEN',
      message: 'user_id: a signed-in user may read only its own metrics; omit user_id',
    });
  }
  return principal.userId;
}

export const usageRouter = router({
  /**
   * How this server lets people in, so that the dashboard warns of open local mode only when
   * the server really is open, whatever the dashboard was built with.
   */
  serviceInfo: publicProcedure.query(({ ctx }) => ({ open_mode: ctx.openMode })),

  /** Records one agent action. A repeated `event_id` from the same caller is stored once. */
  trackUsage: authedProcedure
    .input(TrackUsageInputSchema)
    .mutation(async ({ ctx, input }): Promise<TrackUsageResult> => {
      const event = toNewUsageEvent(input, ctx.principal, ctx.clock());
      const [outcome] = await ctx.store.recordEvents([event]);
      if (!outcome) throw new Error('the store answered no outcome for the event');
      return outcome;
    }),

  /** Records up to 1,000 actions at once: every event is stored, or none is. */
  trackUsageBatch: authedProcedure
    .input(TrackUsageBatchInputSchema)
    .mutation(async ({ ctx, input }): Promise<TrackUsageBatchResult> => {
      const now = ctx.clock();
      const events = input.map((item, index) =>
        toNewUsageEvent(item, ctx.principal, now, `[${index}].`),
      );

      const outcomes = await ctx.store.recordEvents(events);
      const results = outcomes.map(({ duplicate, event }) => ({
        id: event.id,
        event_id: event.event_id,
        duplicate,
      }));
      const duplicates = results.filter((result) => result.duplicate).length;
      return { stored: results.length - duplicates, duplicates, results };
    }),

  /** The dashboard's numbers: totals, today's count, per agent, performance, recent feed. */
  usageMetrics: authedProcedure
    .input(UsageMetricsInputSchema)
    .query(async ({ ctx, input }): Promise<UsageMetrics> => {
      const userId = metricsOwner(ctx.principal, input.user_id);
      const todayStart = startOfToday(ctx.clock(), input.tz);

      const figures = await ctx.store.readMetrics({
        userId,
        todayStart,
        activityLimit: input.activity_limit,
      });
      return composeUsageMetrics(figures);
    }),
});
