const formatters = new Map<string, Intl.DateTimeFormat>();

/** More than there are zones: callers pass canonical names, so this bound is never reached. */
const MAX_ZONES = 1000;

function remember<V>(cache: Map<string, V>, zone: string, value: V): void {
  if (cache.size >= MAX_ZONES) cache.clear();
  cache.set(zone, value);
}

/** Formatters are costly to build and the set of zones asked for is small: keep one each. */
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    remember(formatters, timeZone, formatter);
  }
  return formatter;
}

interface LocalTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function localTimeAt(instant: number, timeZone: string): LocalTime {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(instant)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 0,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

/** The zone's offset from UTC at `instant`, in milliseconds (positive east of Greenwich). */
function offsetAt(instant: number, timeZone: string): number {
  const local = localTimeAt(instant, timeZone);
  const { year, month, day, hour, minute, second } = local;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute, second);
  return asUtc - Math.floor(instant / 1000) * 1000;
}

function sameDate(a: LocalTime, b: LocalTime): boolean {
  return a.year === b.year && a.month === b.month && a.day === b.day;
}

const STEP_MS = 15 * 60 * 1000;

/**
 * The instant the local day containing `now` began in `timeZone`: usually local midnight.
 * Where a daylight-saving change skips midnight, the day begins at the first local time that
 * exists, which the search below finds by stepping in 15-minute increments.
 */
function computeStartOfToday(now: number, timeZone: string): number {
  const today = localTimeAt(now, timeZone);
  const midnightAsUtc = Date.UTC(today.year, today.month - 1, today.day);

  // Guess with the offset at midnight's UTC reading, then correct with the offset there.
  let guess = midnightAsUtc - offsetAt(midnightAsUtc, timeZone);
  guess = midnightAsUtc - offsetAt(guess, timeZone);

  while (!sameDate(localTimeAt(guess, timeZone), today)) guess += STEP_MS;
  while (sameDate(localTimeAt(guess - STEP_MS, timeZone), today)) guess -= STEP_MS;

  // In a zone whose offset is not a whole number of quarter hours the step lands a few
  // minutes past midnight; where a change skipped midnight it lands on the change itself.
  const local = localTimeAt(guess, timeZone);
  const pastMidnight = ((local.hour * 60 + local.minute) * 60 + local.second) * 1000;
  return pastMidnight > 0 && pastMidnight < STEP_MS ? guess - pastMidnight : guess;
}

interface LocalDay {
  start: number;
  nextStart: number;
}

const currentDays = new Map<string, LocalDay>();

/**
 * The instant the local day containing `now` began in `timeZone`. Working it out takes a
 * dozen calendar conversions, so each zone's current day is remembered and the answer is
 * reused until the next day begins.
 */
export function startOfToday(now: number, timeZone: string): number {
  const known = currentDays.get(timeZone);
  if (known && now >= known.start && now < known.nextStart) return known.start;

  const start = computeStartOfToday(now, timeZone);
  // A local day lasts 23 to 25 hours, so 30 hours after its start is always the next day.
  const nextStart = computeStartOfToday(start + 30 * 60 * 60 * 1000, timeZone);
  remember(currentDays, timeZone, { start, nextStart });
  return start;
}
