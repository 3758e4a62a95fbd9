import type { ReactNode } from 'react';

export interface PanelProps {
  headingId: string;
  title: string;
  subtitle?: string;
  children: ReactNode;
}

/** A titled card: a `<section>` named by its heading, so it is a landmark a reader can jump to. */
export function Panel({ headingId, title, subtitle, children }: PanelProps) {
  return (
    <section
      aria-labelledby={headingId}
      className="min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5"
    >
      <div className="mb-4">
        <h3 id={headingId} className="text-base font-semibold text-slate-900">
          {title}
        </h3>
        {subtitle ? <p className="text-sm text-slate-600">{subtitle}</p> : null}
      </div>
      {children}
    </section>
  );
}
