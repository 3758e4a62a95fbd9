const canonicalNames = new Map<string, string | null>();

/** Enough for every zone under a few spellings each; past it, answers are not remembered. */
const MAX_REMEMBERED = 2000;

/**
 * The canonical IANA name of a time zone ("europe/paris" becomes "Europe/Paris"), or null when
 * there is no such zone. Zone names are case-insensitive, so without this every spelling would
 * count as a zone of its own everywhere zones are cached.
 */
export function canonicalTimeZone(zone: string): string | null {
  const known = canonicalNames.get(zone);
  if (known !== undefined) return known;

  let canonical: string | null;
  try {
    canonical = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
  } catch {
    canonical = null;
  }

  if (canonicalNames.size < MAX_REMEMBERED) canonicalNames.set(zone, canonical);
  return canonical;
}
