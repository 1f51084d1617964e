import pg from 'pg';
import { BENCH_PASSWORD, HEAVY_EMAIL, userEmail, type Sizes } from './modes.js';

export interface LoggedIn {
  id: number;
  email: string;
  token: string;
}

export interface Tokens {
  users: LoggedIn[];
  heavy: LoggedIn;
}

/** The typical users that send load: `sampledUsers` of them, spread over the whole id range. */
export function sampledEmails(sizes: Sizes): string[] {
  const n = Math.min(sizes.sampledUsers, sizes.users);
  return Array.from({ length: n }, (_, i) => userEmail(1 + Math.floor((i * sizes.users) / n)));
}

async function login(base: string, email: string): Promise<string> {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(`${base}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: BENCH_PASSWORD }),
    });
    const body = (await res.json()) as { access_token?: string };
    if (res.ok && body.access_token) return body.access_token;
    // 503 server_busy: the hash limiter is full; wait and retry like a client would.
    if (res.status !== 503 || attempt >= 20) {
      throw new Error(`login of ${email} answered ${res.status}: ${JSON.stringify(body)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Logs every sampled user (and the heavy user) in once through the API, a few at a time, so each
 * request of the run carries a real token of a real session.
 */
export async function loginAll(
  base: string,
  url: string,
  sizes: Sizes,
  log: (line: string) => void,
): Promise<Tokens> {
  const emails = [...sampledEmails(sizes), HEAVY_EMAIL];
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  let ids: Map<string, number>;
  try {
    const rows = await client.query<{ id: number; email: string }>(
      'select id, email from users where email = any($1)',
      [emails],
    );
    ids = new Map(rows.rows.map((r) => [r.email, r.id]));
  } finally {
    await client.end();
  }
  const out: LoggedIn[] = [];
  let next = 0;
  const worker = async () => {
    while (next < emails.length) {
      const email = emails[next++]!;
      const id = ids.get(email);
      if (id === undefined) throw new Error(`seeded user ${email} is missing`);
      out.push({ id, email, token: await login(base, email) });
    }
  };
  const t0 = Date.now();
  await Promise.all(Array.from({ length: 4 }, worker));
  log(`  logged in ${emails.length} users through POST /auth/login in ${Date.now() - t0} ms`);
  const heavy = out.find((u) => u.email === HEAVY_EMAIL)!;
  const users = out.filter((u) => u.email !== HEAVY_EMAIL).sort((a, b) => a.id - b.id);
  return { users, heavy };
}
