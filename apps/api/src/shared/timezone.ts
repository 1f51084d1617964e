const cache = new Map<string, boolean>();

/**
 * The zones the database accepts, lower-cased (PostgreSQL matches zone names case-insensitively).
 * Node and PostgreSQL ship different tzdata: Node still accepts names PostgreSQL has dropped
 * (`US/Pacific-New`), which then failed every metrics query as a 500 (issue 12, D5). Until a
 * database registers its list, only Node's check applies.
 */
let databaseZones: Set<string> | undefined;

/**
 * Called once at start with the database's `pg_timezone_names`. A process that opens several
 * databases keeps the names that all of them accept.
 */
export function registerDatabaseTimezones(names: readonly string[]): void {
  const incoming = new Set(names.map((n) => n.toLowerCase()));
  databaseZones = databaseZones
    ? new Set([...databaseZones].filter((n) => incoming.has(n)))
    : incoming;
  cache.clear();
}

/** True for IANA zone names that both the runtime (ICU) and the database know. */
export function isValidTimezone(name: string): boolean {
  let ok = cache.get(name);
  if (ok === undefined) {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: name });
      ok = /^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(name) || name === 'UTC';
    } catch {
      ok = false;
    }
    if (ok && databaseZones) ok = databaseZones.has(name.toLowerCase());
    if (cache.size < 1000) cache.set(name, ok);
  }
  return ok;
}
