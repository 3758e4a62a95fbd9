import type { UsageMetrics } from '../../shared/usageMetricsSchema';
import { formatCount, formatPercent, formatSeconds } from '../format';
import { StatCard } from './StatCard';

export interface MetricsSummaryProps {
  metrics: UsageMetrics;
  timeZone: string;
}

/** The five headline numbers. */
export function MetricsSummary({ metrics, timeZone }: MetricsSummaryProps) {
  const stats = metrics.performance_stats;
  return (
    <section aria-labelledby="summary-heading">
      <h3 id="summary-heading" className="sr-only">
        Summary
      </h3>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-4 lg:grid-cols-5">
        <StatCard
          label="Total actions"
          value={formatCount(metrics.total_searches)}
          detail="All time"
          className="col-span-2 sm:col-span-1"
        />
        <StatCard
          label="Today"
          value={formatCount(metrics.today_usage)}
          detail={`Since midnight, ${timeZone.replace(/_/g, ' ')}`}
        />
        <StatCard
          label="Average response time"
          value={formatSeconds(stats.average_response_time)}
          detail="Mean duration"
        />
        <StatCard
          label="Success rate"
          value={formatPercent(stats.success_rate)}
          detail="Of all actions"
        />
        <StatCard
          label="Errors"
          value={formatCount(stats.total_errors)}
          detail="Failed actions"
          tone={stats.total_errors > 0 ? 'warning' : 'neutral'}
        />
      </dl>
    </section>
  );
}
