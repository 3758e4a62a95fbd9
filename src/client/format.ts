// Formatters are built once: Intl constructors are slow, and the page re-renders every poll.
// `undefined` locale means the browser's own.
const countFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

const percentFormat = new Intl.NumberFormat(undefined, {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});

const secondsFormat = new Intl.NumberFormat(undefined, {
  style: 'unit',
  unit: 'second',
  unitDisplay: 'narrow',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

const clockFormat = new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' });

const exactFormat = new Intl.DateTimeFormat(undefined, {
  dateStyle: 'medium',
  timeStyle: 'medium',
});

const relativeFormat = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });

/** A count of actions, with thousands separators: 12,345. */
export function formatCount(count: number): string {
  return countFormat.format(count);
}

/** A percentage given from 0 to 100, with one decimal: 95.0%. */
export function formatPercent(percent: number): string {
  return percentFormat.format(percent / 100);
}

/** A duration in seconds, with two decimals: 1.25s. */
export function formatSeconds(seconds: number): string {
  return secondsFormat.format(seconds);
}

/** The time of day, to the minute: 14:02 (or 2:02 PM). */
export function formatClockTime(instant: number | Date): string {
  return clockFormat.format(instant);
}

/** Date and time to the second, for a tooltip: Mar 9, 2026, 2:02:31 PM. */
export function formatExactTime(instant: number | Date): string {
  return exactFormat.format(instant);
}

const RELATIVE_STEPS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['second', 60],
  ['minute', 60],
  ['hour', 24],
  ['day', 7],
  ['week', 4.35],
  ['month', 12],
  ['year', Number.POSITIVE_INFINITY],
];

/** How long before `now` an instant was, in the largest unit that fits: "3 minutes ago". */
export function formatRelativeTime(instant: number, now: number): string {
  let amount = (instant - now) / 1000;
  for (const [unit, unitsInNext] of RELATIVE_STEPS) {
    // Compared after rounding, so 59.6 minutes reads "1 hour ago", not "60 minutes ago".
    if (Math.abs(Math.round(amount)) < unitsInNext) {
      return relativeFormat.format(Math.round(amount), unit);
    }
    amount /= unitsInNext;
  }
  return relativeFormat.format(Math.round(amount), 'year');
}

/** An agent's action slug as a person reads it: "lead_generation" becomes "Lead generation". */
export function agentLabel(action: string): string {
  const words = action.replace(/[_-]+/g, ' ').trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : action;
}
