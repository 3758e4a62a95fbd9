import type { ReactNode } from 'react';

export interface SignedOutStateProps {
  /** The way to sign in, e.g. Clerk's sign-in button; absent when this build has no sign-in. */
  signInAction?: ReactNode;
}

/** Nobody is signed in, or the server no longer accepts the session. */
export function SignedOutState({ signInAction }: SignedOutStateProps) {
  return (
    <section
      aria-labelledby="signed-out-heading"
      className="rounded-lg border border-slate-200 bg-white p-6 text-center shadow-sm sm:p-10"
    >
      <h2 id="signed-out-heading" className="text-lg font-semibold text-slate-900">
        Sign in to see your usage
      </h2>
      {signInAction ? (
        <>
          <p className="mx-auto mt-2 max-w-prose text-sm text-slate-700">
            Your agents&apos; actions, response times and errors are shown to you once you are
            signed in.
          </p>
          <div className="mt-5 flex justify-center">{signInAction}</div>
        </>
      ) : (
        <p className="mx-auto mt-2 max-w-prose text-sm text-slate-700">
          The usage service asks for a signed-in user, but this dashboard was built without sign-in.
          Rebuild it with <code className="font-mono">VITE_CLERK_PUBLISHABLE_KEY</code> set.
        </p>
      )}
    </section>
  );
}
