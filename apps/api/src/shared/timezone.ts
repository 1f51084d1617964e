const cache = new Map<string, boolean>();

/** True for IANA zone names the runtime knows (Intl is backed by the ICU time zone database). */
export function isValidTimezone(name: string): boolean {
  let ok = cache.get(name);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: name });
      ok = /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(name) || name === 'UTC';
    } catch {
      ok = false;
    }
    if (cache.size < 1000) cache.set(name, ok);
  }
  return ok;
}
