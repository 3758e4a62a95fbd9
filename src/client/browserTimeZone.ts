/** The IANA zone the browser runs in, so that "today" means the viewer's today. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
