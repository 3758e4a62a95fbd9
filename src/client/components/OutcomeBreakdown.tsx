import { formatCount, formatPercent } from '../format';
import { Panel } from './Panel';

export interface OutcomeBreakdownProps {
  total: number;
  errors: number;
}

/** Succeeded against failed, as one split bar: how much of the work needs a second look. */
export function OutcomeBreakdown({ total, errors }: OutcomeBreakdownProps) {
  const succeeded = Math.max(0, total - errors);
  const failedShare = total ? (errors / total) * 100 : 0;

  return (
    <Panel headingId="outcomes-heading" title="Outcomes" subtitle="Succeeded and failed actions">
      <div aria-hidden="true" className="flex h-2.5 overflow-hidden rounded-full bg-slate-100">
        <div className="h-full bg-emerald-600" style={{ width: `${100 - failedShare}%` }} />
        <div className="h-full bg-rose-600" style={{ width: `${failedShare}%` }} />
      </div>
      <dl className="mt-4 grid grid-cols-2 gap-4 text-sm">
        <div>
          <dt className="flex items-center gap-2 text-slate-600">
            <span aria-hidden="true" className="size-2.5 rounded-full bg-emerald-600" />
            Succeeded
          </dt>
          <dd className="mt-0.5 font-semibold text-slate-900 tabular-nums">
            {formatCount(succeeded)}{' '}
            <span className="font-normal text-slate-600">{formatPercent(100 - failedShare)}</span>
          </dd>
        </div>
        <div>
          <dt className="flex items-center gap-2 text-slate-600">
            <span aria-hidden="true" className="size-2.5 rounded-full bg-rose-600" />
            Failed
          </dt>
          <dd className="mt-0.5 font-semibold text-slate-900 tabular-nums">
            {formatCount(errors)}{' '}
            <span className="font-normal text-slate-600">{formatPercent(failedShare)}</span>
          </dd>
        </div>
      </dl>
    </Panel>
  );
}
