import type { ReactNode } from 'react';

import { describeApiError, isUnauthorized } from './apiErrors';
import { ActivityFeed } from './components/ActivityFeed';
import { AgentUsageChart } from './components/AgentUsageChart';
import { DashboardSkeleton } from './components/DashboardSkeleton';
import { EmptyState } from './components/EmptyState';
import { ErrorState } from './components/ErrorState';
import { MetricsSummary } from './components/MetricsSummary';
import { OutcomeBreakdown } from './components/OutcomeBreakdown';
import { RefreshStatus } from './components/RefreshStatus';
import { SignedOutState } from './components/SignedOutState';
import { useUsageMetrics } from './useUsageMetrics';

export interface DashboardProps {
  /** Whose numbers these are, for the heading: "Your usage" or "Everyone's usage". */
  scopeTitle: string;
  /** Where the example command sends the first usage event. */
  serviceOrigin: string;
  signInAction?: ReactNode;
}

/** Picks what to show: loading, signed out, a failed first load, no usage yet, or the numbers. */
export function Dashboard({ scopeTitle, serviceOrigin, signInAction }: DashboardProps) {
  const usage = useUsageMetrics();

  if (isUnauthorized(usage.error)) return <SignedOutState signInAction={signInAction} />;
  if (usage.isLoading) return <DashboardSkeleton />;
  if (!usage.metrics) {
    return (
      <ErrorState
        message={describeApiError(usage.error)}
        onRetry={usage.refresh}
        isRetrying={usage.isRefreshing}
      />
    );
  }

  const { metrics } = usage;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 className="text-2xl font-semibold tracking-tight text-slate-900">{scopeTitle}</h2>
        <RefreshStatus
          updatedAt={usage.updatedAt}
          isRefreshing={usage.isRefreshing}
          refreshFailed={usage.error !== null}
          onRefresh={usage.refresh}
        />
      </div>

      {metrics.total_searches === 0 ? (
        <EmptyState origin={serviceOrigin} />
      ) : (
        <>
          <MetricsSummary metrics={metrics} timeZone={usage.timeZone} />
          <div className="grid gap-6 lg:grid-cols-5">
            <div className="space-y-6 lg:col-span-2">
              <AgentUsageChart agentUsage={metrics.agent_usage} />
              <OutcomeBreakdown
                total={metrics.total_searches}
                errors={metrics.performance_stats.total_errors}
              />
            </div>
            <div className="lg:col-span-3">
              <ActivityFeed events={metrics.recent_activity} now={usage.updatedAt} />
            </div>
          </div>
        </>
      )}
    </div>
  );
}
