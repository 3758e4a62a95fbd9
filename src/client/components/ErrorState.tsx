import { secondaryButton } from './buttonStyles';

export interface ErrorStateProps {
  message: string;
  onRetry: () => void;
  isRetrying: boolean;
}

/** The first load failed, so there are no numbers to fall back on. */
export function ErrorState({ message, onRetry, isRetrying }: ErrorStateProps) {
  return (
    <section
      role="alert"
      aria-labelledby="error-heading"
      className="rounded-lg border border-rose-200 bg-white p-6 sm:p-8"
    >
      <h2 id="error-heading" className="text-lg font-semibold text-slate-900">
        Couldn&apos;t load usage
      </h2>
      <p className="mt-2 max-w-prose text-sm text-slate-700">{message}</p>
      <button type="button" onClick={onRetry} className={`${secondaryButton} mt-4`}>
        {isRetrying ? 'Trying again…' : 'Try again'}
      </button>
    </section>
  );
}
