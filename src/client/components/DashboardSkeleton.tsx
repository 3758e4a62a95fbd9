const pulse = 'animate-pulse rounded bg-slate-200 motion-reduce:animate-none';

const skeletonCard = 'rounded-lg border border-slate-200 bg-white p-4';

/** Grey shapes where the numbers will be, so the page does not jump when they arrive. */
export function DashboardSkeleton() {
  return (
    <div aria-busy="true">
      <p role="status" className="sr-only">
        Loading usage…
      </p>
      <div aria-hidden="true" className="space-y-6">
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 sm:gap-4 lg:grid-cols-5">
          {[0, 1, 2, 3, 4].map((card) => (
            <div
              key={card}
              className={`${skeletonCard} ${card === 0 ? 'col-span-2 sm:col-span-1' : ''}`}
            >
              <div className={`${pulse} h-4 w-24`} />
              <div className={`${pulse} mt-3 h-7 w-16`} />
            </div>
          ))}
        </div>
        <div className="grid gap-6 lg:grid-cols-5">
          <div className="h-56 rounded-lg border border-slate-200 bg-white p-5 lg:col-span-2">
            <div className={`${pulse} h-4 w-32`} />
          </div>
          <div className="h-56 rounded-lg border border-slate-200 bg-white p-5 lg:col-span-3">
            <div className={`${pulse} h-4 w-32`} />
          </div>
        </div>
      </div>
    </div>
  );
}
