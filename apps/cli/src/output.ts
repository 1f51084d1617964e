import pc from 'picocolors';
import type { CliIo } from './io.js';

export type Colors = ReturnType<typeof pc.createColors>;

export interface Column {
  header: string;
  /** Numbers and durations read better right-aligned. */
  align?: 'left' | 'right';
}

// Matches SGR sequences only: the CLI writes no other escape codes.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** The printed width of a cell: colour codes take no room on the terminal. */
export function visibleLength(text: string): number {
  // UTF-16 length: right for the Latin text and block characters the CLI prints.
  return text.replace(ANSI, '').length;
}

/**
 * Colour is on only for a TTY, and NO_COLOR (any non-empty value, see no-color.org) or
 * `--no-color` turns it off; FORCE_COLOR turns it on even through a pipe.
 */
export function colorEnabled(io: CliIo, noColorFlag: boolean): boolean {
  if (noColorFlag) return false;
  const noColor = io.env.NO_COLOR;
  if (noColor !== undefined && noColor !== '') return false;
  const force = io.env.FORCE_COLOR;
  if (force !== undefined && force !== '' && force !== '0' && force !== 'false') return true;
  return io.stdout.isTTY === true;
}

/** Everything a command prints goes through here: stdout for results, stderr for the rest. */
export class Output {
  #c: Colors;

  constructor(
    private readonly io: CliIo,
    color = colorEnabled(io, false),
  ) {
    this.#c = pc.createColors(color);
  }

  /** The colour functions; they return the text unchanged when colour is off. */
  get c(): Colors {
    return this.#c;
  }

  /** Set once the global options are parsed (`--no-color` is only known then). */
  setColor(enabled: boolean): void {
    this.#c = pc.createColors(enabled);
  }

  line(text = ''): void {
    this.io.stdout.write(`${text}\n`);
  }

  /** Machine output for `--json`: pretty-printed, one document, ending with a newline. */
  json(value: unknown): void {
    this.io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  /** Columns padded to their widest cell, with a dimmed header; nothing but the header if no rows. */
  table(columns: readonly (Column | string)[], rows: readonly (readonly string[])[]): void {
    const cols = columns.map((col) => (typeof col === 'string' ? { header: col } : col));
    const widths = cols.map((col, i) =>
      Math.max(visibleLength(col.header), ...rows.map((row) => visibleLength(row[i] ?? ''))),
    );
    const render = (cells: readonly string[]): string =>
      cols
        .map((col, i) => {
          const cell = cells[i] ?? '';
          const pad = ' '.repeat((widths[i] ?? 0) - visibleLength(cell));
          return col.align === 'right' ? pad + cell : cell + pad;
        })
        .join('  ')
        .trimEnd();
    this.line(this.#c.dim(render(cols.map((col) => col.header))));
    for (const row of rows) this.line(render(row));
  }

  /** Notes and warnings: stderr, so `--json` stdout stays parseable. */
  warn(text: string): void {
    this.io.stderr.write(`${text}\n`);
  }
}
