import { CopyButton } from './CopyButton';

export interface EmptyStateProps {
  /** Where the usage service answers, for the example command. */
  origin: string;
}

const commandTextLook =
  'font-mono text-[0.8rem] leading-relaxed whitespace-pre-wrap text-slate-100 ' +
  '[overflow-wrap:anywhere]';

export function firstEventCommand(origin: string): string {
  const body =
    '{"user_id": "user_123", "action": "lead_generation", "duration": 2.5, "success": true}';
  return `curl -X POST ${origin}/track-usage -H 'Content-Type: application/json' ` + `-d '${body}'`;
}

/** What a new user sees before any agent has reported: how to send the first usage event. */
export function EmptyState({ origin }: EmptyStateProps) {
  const command = firstEventCommand(origin);
  return (
    <section
      aria-labelledby="empty-heading"
      className="rounded-lg border border-dashed border-slate-300 bg-white p-6 sm:p-8"
    >
      <h2 id="empty-heading" className="text-lg font-semibold text-slate-900">
        No usage yet
      </h2>
      <p className="mt-2 max-w-prose text-sm text-slate-700">
        Each agent records a usage event after every action it runs. Send the first one from a
        terminal and it appears here within 30 seconds, or press Refresh.
      </p>
      <div className="mt-4 rounded-md bg-slate-900 p-4">
        <pre className={commandTextLook}>
          <code>{command}</code>
        </pre>
        <div className="mt-3 flex justify-end">
          <CopyButton text={command} label="Copy command" />
        </div>
      </div>
    </section>
  );
}
