import { KNOWN_AGENTS } from '../../shared/agents';
import { agentLabel, formatCount, formatPercent } from '../format';
import { Panel } from './Panel';

// Bars need 3:1 against white (WCAG 1.4.11); each of these has at least 4.5:1.
const BAR_COLOURS = ['bg-indigo-600', 'bg-teal-700', 'bg-amber-700', 'bg-sky-700', 'bg-rose-700'];

export interface AgentUsageChartProps {
  agentUsage: Record<string, number>;
}

interface AgentRow {
  action: string;
  count: number;
}

/** Known agents first, in their fixed order, then any other agent by how much it ran. */
function agentRows(agentUsage: Record<string, number>): AgentRow[] {
  const known: readonly string[] = KNOWN_AGENTS;
  const others = Object.keys(agentUsage)
    .filter((action) => !known.includes(action))
    .sort((a, b) => (agentUsage[b] ?? 0) - (agentUsage[a] ?? 0) || a.localeCompare(b));
  return [...known, ...others].map((action) => ({ action, count: agentUsage[action] ?? 0 }));
}

/** A bar per agent the server reports, as long as its share of all actions. */
export function AgentUsageChart({ agentUsage }: AgentUsageChartProps) {
  const rows = agentRows(agentUsage);
  const total = rows.reduce((sum, row) => sum + row.count, 0);
  const shareOf = (count: number) => (total ? (count / total) * 100 : 0);

  return (
    <Panel headingId="agents-heading" title="Usage per agent" subtitle="Actions by agent">
      <ul className="space-y-4">
        {rows.map((row, index) => (
          <li key={row.action}>
            <div className="flex items-baseline justify-between gap-3 text-sm">
              <span className="min-w-0 font-medium [overflow-wrap:anywhere] text-slate-900">
                {agentLabel(row.action)}
              </span>
              <span className="shrink-0 text-slate-600 tabular-nums">
                <span className="font-semibold text-slate-900">{formatCount(row.count)}</span>
                <span className="sr-only"> actions,</span>
                <span className="ml-2">{formatPercent(shareOf(row.count))}</span>
              </span>
            </div>
            <div
              aria-hidden="true"
              className="mt-1.5 h-2.5 overflow-hidden rounded-full bg-slate-100"
            >
              <div
                className={`h-full rounded-full ${BAR_COLOURS[index % BAR_COLOURS.length]}`}
                style={{ width: `${shareOf(row.count)}%` }}
              />
            </div>
          </li>
        ))}
      </ul>
    </Panel>
  );
}
