// Only type imports from the SDK: it loads on the first client() call, not at start-up.
import type { DevTrackrClient } from '@devtrackr/client';
import { loadConfig, type Config } from './config.js';
import { NotSignedInError, type ErrorSink } from './errors.js';
import type { CliIo } from './io.js';
import type { Output } from './output.js';

/** The root program's options, as commander parsed them. */
export interface GlobalOptions {
  json?: boolean;
  url?: string;
  /** false with `--no-color`. */
  color?: boolean;
}

/** What every command gets: I/O, output, the global options, config and the API client. */
export interface CliContext extends ErrorSink {
  io: CliIo;
  out: Output;
  /** `--json` was given: machine output on stdout, nothing else on stdout. */
  readonly json: boolean;
  /** The exit code main() returns when the action ends without throwing (default 0). */
  exitCode: number;
  /** The effective config (file, then environment); `--url` is applied by baseUrl(). */
  config(): Promise<Config>;
  /** An SDK client with the saved token; throws NotSignedInError (exit 3) without one. */
  client(): Promise<DevTrackrClient>;
  /** The API root: `--url`, else DEVTRACKR_URL, else the saved URL, else the default. */
  baseUrl(): Promise<string>;
  /** A page of the web app (served by the API under /app), e.g. webUrl('/tasks/42'). */
  webUrl(path: string): Promise<string>;
}

export function createContext(io: CliIo, out: Output, globals: () => GlobalOptions): CliContext {
  let config: Promise<Config> | undefined;
  let client: Promise<DevTrackrClient> | undefined;
  const ctx: CliContext = {
    io,
    out,
    get json() {
      return globals().json === true;
    },
    exitCode: 0,
    lastUrl: undefined,
    config() {
      config ??= loadConfig(io);
      return config;
    },
    async baseUrl() {
      const flag = globals().url;
      const url = flag !== undefined && flag.trim() !== '' ? flag.trim() : (await ctx.config()).url;
      // The SDK joins paths onto the root; a trailing slash would double it.
      const root = url.replace(/\/+$/, '');
      ctx.lastUrl = root;
      return root;
    },
    async webUrl(path) {
      const root = await ctx.baseUrl();
      return `${root}/app${path.startsWith('/') ? path : `/${path}`}`;
    },
    client() {
      client ??= (async () => {
        const { token } = await ctx.config();
        if (token === undefined) throw new NotSignedInError();
        const baseUrl = await ctx.baseUrl();
        const { createClient } = await import('@devtrackr/client');
        return createClient({ baseUrl, token });
      })();
      return client;
    },
  };
  return ctx;
}
