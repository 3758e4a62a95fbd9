import type { UsageEvent } from '../../shared/usageEventSchema';
import { agentLabel, formatExactTime, formatRelativeTime, formatSeconds } from '../format';
import { Panel } from './Panel';

export interface ActivityFeedProps {
  events: UsageEvent[];
  /** The instant relative times count from: when these events were fetched. */
  now: number;
}

/** The newest actions first: which agent, for whom, how long, whether it worked, when. */
export function ActivityFeed({ events, now }: ActivityFeedProps) {
  return (
    <Panel headingId="activity-heading" title="Recent activity" subtitle="The latest actions">
      {events.length === 0 ? (
        <p className="text-sm text-slate-600">No actions yet.</p>
      ) : (
        <ol className="-my-3 divide-y divide-slate-100">
          {events.map((event) => (
            <ActivityItem key={event.id} event={event} now={now} />
          ))}
        </ol>
      )}
    </Panel>
  );
}

function ActivityItem({ event, now }: { event: UsageEvent; now: number }) {
  const at = Date.parse(event.timestamp);
  return (
    <li className="flex flex-wrap items-center gap-x-4 gap-y-1 py-3">
      <div className="min-w-0 flex-1 basis-48">
        <p className="text-sm font-medium [overflow-wrap:anywhere] text-slate-900">
          {agentLabel(event.action)}
        </p>
        <p className="text-sm [overflow-wrap:anywhere] text-slate-600">
          <span className="sr-only">User </span>
          {event.user_id}
        </p>
      </div>
      <div className="flex items-center gap-3 text-sm">
        <span className="text-slate-700 tabular-nums">
          <span className="sr-only">took </span>
          {formatSeconds(event.duration)}
        </span>
        <OutcomeBadge success={event.success} />
        <time
          dateTime={event.timestamp}
          title={formatExactTime(at)}
          className="text-slate-600 sm:w-28 sm:text-right"
        >
          {formatRelativeTime(at, now)}
        </time>
      </div>
    </li>
  );
}

const badgeLook =
  'inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset';

function OutcomeBadge({ success }: { success: boolean }) {
  const look = success
    ? 'bg-emerald-50 text-emerald-800 ring-emerald-600/30'
    : 'bg-rose-50 text-rose-800 ring-rose-600/30';
  return <span className={`${badgeLook} ${look}`}>{success ? 'Succeeded' : 'Failed'}</span>;
}
