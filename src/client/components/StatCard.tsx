export interface StatCardProps {
  label: string;
  value: string;
  /** A short line under the value that says what it counts. */
  detail?: string;
  tone?: 'neutral' | 'warning';
  /** Layout classes from the grid around it, e.g. a column span. */
  className?: string;
}

/** One headline number. A `<dl>` group, so a screen reader reads the label with its value. */
export function StatCard({
  label,
  value,
  detail,
  tone = 'neutral',
  className = '',
}: StatCardProps) {
  const valueColour = tone === 'warning' ? 'text-rose-700' : 'text-slate-900';
  return (
    <div
      className={`min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm ${className}`}
    >
      <dt className="text-sm font-medium text-slate-600">{label}</dt>
      <dd className={`mt-1 text-2xl font-semibold tabular-nums ${valueColour}`}>{value}</dd>
      {detail ? <dd className="mt-1 text-xs text-slate-600">{detail}</dd> : null}
    </div>
  );
}
