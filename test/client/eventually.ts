/**
 * Retries `check` on real timers until it stops throwing. Testing Library's waitFor polls
 * with setInterval, which the polling tests fake, so it would only retry on DOM changes.
 */
export async function eventually(check: () => void, timeoutMs = 5000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      check();
      return;
    } catch (error) {
      if (performance.now() > deadline) throw error;
      await pause(20);
    }
  }
}

/** Lets real network traffic happen for a while, to show that nothing else arrives. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
