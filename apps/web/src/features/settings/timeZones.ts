// The time zones the profile can choose from, and the search over them. The server checks the
// name against PostgreSQL's list (422 otherwise); the browser's list is what it can offer.

let cached: readonly string[] | undefined;

/**
 * Every IANA zone this browser knows, sorted, plus UTC: Intl lists only canonical zones, and
 * UTC (the server's default for a new account) is not among them in V8.
 */
export function browserTimeZones(): readonly string[] {
  cached ??= [...new Set([...Intl.supportedValuesOf('timeZone'), 'UTC'])].sort();
  return cached;
}

/** `zones`, plus `current` when the browser does not list it (an alias saved elsewhere). */
export function withCurrent(zones: readonly string[], current: string): readonly string[] {
  return current === '' || zones.includes(current) ? zones : [current, ...zones];
}

/** "America/New_York" → "america/new york": what a person types matches what is stored. */
const searchable = (text: string): string => text.toLowerCase().replaceAll('_', ' ');

/**
 * The zones matching `query`: every word of it appears in the name ("new york", "york",
 * "europe ber"). Zones whose city starts with the query come first, so "lon" offers
 * Europe/London before America/Miquelon; within each part the zones keep their order.
 */
export function filterTimeZones(zones: readonly string[], query: string): string[] {
  const words = searchable(query).trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...zones];
  const matches = zones.filter((zone) => {
    const name = searchable(zone);
    return words.every((word) => name.includes(word));
  });
  const start = searchable(query).trim();
  const city = (zone: string) => searchable(zone.slice(zone.lastIndexOf('/') + 1));
  return [
    ...matches.filter((zone) => city(zone).startsWith(start)),
    ...matches.filter((zone) => !city(zone).startsWith(start)),
  ];
}
