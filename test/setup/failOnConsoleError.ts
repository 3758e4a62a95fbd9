import { afterEach, vi } from 'vitest';

// An unexpected console.error is a bug the test did not look for: fail the test with it.
let errors: unknown[][] = [];

const original = console.error;
console.error = (...args: unknown[]) => {
  errors.push(args);
  original(...args);
};

afterEach(() => {
  const seen = errors;
  errors = [];
  vi.restoreAllMocks();
  if (seen.length > 0) {
    throw new Error(
      `console.error was called: ${seen.map((args) => args.map(String).join(' ')).join('\n')}`,
    );
  }
});
