import { useState } from 'react';

import { isClientError } from './apiErrors';
import { browserTimeZone } from './browserTimeZone';
import { trpc } from './trpc';

/** How often the numbers refresh while the tab is visible. */
export const REFRESH_INTERVAL_MS = 30_000;

/** How many actions the activity feed lists. */
export const ACTIVITY_LIMIT = 10;

/**
 * The signed-in user's metrics (everyone's in open local mode), refreshed every 30 seconds
 * while the tab is visible and again as soon as it comes back. A failed refresh keeps the
 * last good numbers: `data` stays, `error` says why they are old.
 */
export function useUsageMetrics() {
  const [tz] = useState(browserTimeZone);

  const query = trpc.usageMetrics.useQuery(
    { tz, activity_limit: ACTIVITY_LIMIT },
    {
      refetchInterval: REFRESH_INTERVAL_MS,
      refetchIntervalInBackground: false,
      refetchOnWindowFocus: true,
      // Coming back to the tab refreshes only numbers older than this: alt-tabbing twice in a
      // second should not ask twice.
      staleTime: 5_000,
      // One quick retry hides a blip; the next poll is the retry after that. A refusal
      // (401, 403, 400) would be refused again, so it is shown at once.
      retry: (failures, error) => !isClientError(error) && failures < 1,
    },
  );

  return {
    timeZone: tz,
    metrics: query.data,
    error: query.error,
    isLoading: query.isPending,
    isRefreshing: query.isFetching,
    /** When the numbers on screen were fetched, epoch milliseconds. */
    updatedAt: query.dataUpdatedAt,
    refresh: () => void query.refetch({ cancelRefetch: false }),
  };
}

export type UsageMetricsState = ReturnType<typeof useUsageMetrics>;
