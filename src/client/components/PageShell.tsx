import type { ReactNode } from 'react';

export interface PageShellProps {
  /** Right of the title, e.g. the signed-in user's menu. */
  accountControls?: ReactNode;
  /** Above the content, e.g. the open local mode warning. */
  banner?: ReactNode;
  children: ReactNode;
}

/** The page's landmarks: a header with the product's name, then the main content. */
export function PageShell({ accountControls, banner, children }: PageShellProps) {
  return (
    <div className="min-h-screen">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-4 sm:px-6">
          <div className="flex min-w-0 items-center gap-3">
            <ProductMark />
            <div className="min-w-0">
              <h1 className="text-base font-semibold text-slate-900">Agent usage</h1>
              <p className="text-sm text-slate-600">Sales assistant</p>
            </div>
          </div>
          {accountControls}
        </div>
      </header>
      {banner}
      <main className="mx-auto max-w-6xl px-4 py-6 sm:px-6 sm:py-8">{children}</main>
    </div>
  );
}

function ProductMark() {
  return (
    <svg aria-hidden="true" viewBox="0 0 32 32" className="size-9 shrink-0">
      <rect width="32" height="32" rx="8" className="fill-indigo-700" />
      <rect x="8" y="16" width="4" height="9" rx="1" className="fill-white" />
      <rect x="14" y="11" width="4" height="14" rx="1" className="fill-white" />
      <rect x="20" y="7" width="4" height="18" rx="1" className="fill-white" />
    </svg>
  );
}
