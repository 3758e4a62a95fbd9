import { formatClockTime, formatExactTime } from '../format';
import { secondaryButton } from './buttonStyles';

export interface RefreshStatusProps {
  updatedAt: number;
  isRefreshing: boolean;
  /** The last refresh failed: the numbers shown are from `updatedAt`. */
  refreshFailed: boolean;
  onRefresh: () => void;
}

function RefreshIcon({ spinning }: { spinning: boolean }) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 20 20"
      className={`size-4 fill-current ${spinning ? 'animate-spin motion-reduce:animate-none' : ''}`}
    >
      <path d="M10 3a7 7 0 0 1 6.3 4H14v2h5V4h-2v1.6A9 9 0 1 0 19 11h-2a7 7 0 1 1-7-8Z" />
    </svg>
  );
}

/**
 * When the numbers are from and a way to refresh them. The status is a live region: a
 * screen reader hears a failed refresh, and at most one "updated" a minute.
 */
export function RefreshStatus({
  updatedAt,
  isRefreshing,
  refreshFailed,
  onRefresh,
}: RefreshStatusProps) {
  const at = new Date(updatedAt);
  const time = (
    <time dateTime={at.toISOString()} title={formatExactTime(at)}>
      {formatClockTime(at)}
    </time>
  );

  return (
    <div className="flex flex-wrap items-center justify-between gap-3">
      <p
        role="status"
        className={
          refreshFailed
            ? 'rounded-md bg-amber-50 px-2.5 py-1 text-sm text-amber-950 ring-1 ring-amber-300'
            : 'text-sm text-slate-600'
        }
      >
        {refreshFailed ? (
          <>Couldn&apos;t refresh — showing numbers from {time}</>
        ) : (
          <>Last updated {time}</>
        )}
      </p>
      <button
        type="button"
        onClick={onRefresh}
        aria-busy={isRefreshing}
        className={secondaryButton}
      >
        <RefreshIcon spinning={isRefreshing} />
        Refresh
      </button>
    </div>
  );
}
