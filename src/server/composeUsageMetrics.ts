import { KNOWN_AGENTS } from '../shared/agents.js';
import type { UsageMetrics } from '../shared/usageMetricsSchema.js';
import type { MetricsFigures } from './storage/usageStore.js';

function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/**
 * Turns the stored figures into the metrics callers see. It lives outside the stores so
 * that every database answers with exactly the same arithmetic.
 */
export function composeUsageMetrics(figures: MetricsFigures): UsageMetrics {
  // A Map, not an object: an action slug may be "constructor" or "__proto__", which a plain
  // object would read from its prototype instead of counting.
  const agentUsage = new Map<string, number>(KNOWN_AGENTS.map((agent) => [agent, 0]));

  let events = 0;
  let successes = 0;
  let durationSum = 0;
  for (const totals of figures.actionTotals) {
    agentUsage.set(totals.action, (agentUsage.get(totals.action) ?? 0) + totals.events);
    events += totals.events;
    successes += totals.successes;
    durationSum += totals.durationSum;
  }

  return {
    total_searches: events,
    today_usage: figures.todayCount,
    recent_activity: figures.recentActivity,
    performance_stats: {
      average_response_time: events === 0 ? 0 : roundTo(durationSum / events, 3),
      success_rate: events === 0 ? 0 : roundTo((successes / events) * 100, 2),
      total_errors: events - successes,
    },
    agent_usage: Object.fromEntries(agentUsage),
  };
}
