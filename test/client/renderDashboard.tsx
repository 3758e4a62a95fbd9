import { render, screen, within } from '@testing-library/react';

import { App, type AppProps } from '../../src/client/App';

/** Renders the whole dashboard against a usage server at `apiUrl`. */
export function renderDashboard(apiUrl: string, props: Omit<AppProps, 'apiUrl'> = {}) {
  return render(<App apiUrl={apiUrl} {...props} />);
}

/** Waits for the numbers to be on screen: the summary region appears with them. */
export async function findSummary(): Promise<HTMLElement> {
  return screen.findByRole('region', { name: 'Summary' }, { timeout: 5000 });
}

/** The value a summary card shows under its label, e.g. "1,200" under "Total actions". */
export function statValue(summary: HTMLElement, label: string): string {
  const term = within(summary).getByText(label, { selector: 'dt' });
  const value = term.nextElementSibling;
  if (value?.tagName !== 'DD') throw new Error(`no value follows the "${label}" label`);
  return value.textContent ?? '';
}
