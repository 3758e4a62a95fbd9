/** Open local mode is a development convenience; the page must never look like it is secured. */
export function OpenModeBanner() {
  return (
    <aside aria-label="Open local mode" className="border-b border-amber-300 bg-amber-50">
      <div className="mx-auto flex max-w-6xl gap-3 px-4 py-3 text-sm text-amber-950 sm:px-6">
        <WarningIcon />
        <p>
          <strong className="font-semibold">Open local mode.</strong> No sign-in is configured, so
          anyone on this machine can see all usage. Set{' '}
          <code className="font-mono text-[0.85em]">VITE_CLERK_PUBLISHABLE_KEY</code> and the
          server&apos;s Clerk keys before sharing this dashboard.
        </p>
      </div>
    </aside>
  );
}

/** A triangle with an exclamation mark, drawn in a 20 x 20 box. */
const warningTriangle =
  'M8.5 2.9a1.7 1.7 0 0 1 3 0l6.3 11.4A1.7 1.7 0 0 1 16.3 17H3.7a1.7 1.7 0 0 1-1.5-2.7Z' +
  'm.6 4.1v4.5h1.8V7Zm0 6v1.8h1.8V13Z';

function WarningIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="mt-0.5 size-5 shrink-0 fill-amber-600">
      <path d={warningTriangle} />
    </svg>
  );
}
