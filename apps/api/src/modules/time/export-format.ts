import { stringify } from 'csv-stringify/sync';

/**
 * Streaming serializers for the exports. Each consumes an async iterable of row batches and
 * yields one string chunk per batch, so memory holds one batch whatever the export's size.
 */

/**
 * Spreadsheet formula injection (OWASP "CSV injection"): a text cell that starts with
 * = + - @ TAB or CR is prefixed with a single quote, so Excel/LibreOffice/Sheets show it as text
 * instead of evaluating it. Spreadsheets skip leading white space and zero-width characters and
 * read full-width and small forms (＝ ＋ － ＠, ﹦ ﹢ ﹣ ﹫) as the ASCII ones, so the test looks past
 * the first and at all of the second (issue 12). Applied to user-written text only; numbers and
 * timestamps we generate (a negative adjustment is a number, not a formula) are left as they are.
 */
const FORMULA_START =
  /^[\s\u200b-\u200d\u2060\ufeff]*[=+\-@\uff1d\uff0b\uff0d\uff20\ufe66\ufe62\ufe63\ufe6b]|^[\t\r]/;

export function escapeFormula(value: string | null): string | null {
  return value !== null && FORMULA_START.test(value) ? `'${value}` : value;
}

// RFC 4180: CRLF line ends; a field holding a comma, a quote, CR or LF is quoted, quotes doubled.
const CSV_OPTIONS = { record_delimiter: '\r\n', quote_record_delimiter: true } as const;

export type CsvCell = string | number | null;

export async function* csvChunks<T>(
  batches: AsyncIterable<T[]>,
  header: readonly string[],
  toCells: (row: T) => CsvCell[],
): AsyncGenerator<string> {
  yield stringify([header], CSV_OPTIONS);
  for await (const batch of batches) {
    yield stringify(batch.map(toCells), CSV_OPTIONS);
  }
}

/** A JSON array written element by element. */
export async function* jsonChunks<T>(
  batches: AsyncIterable<T[]>,
  toObject: (row: T) => unknown,
): AsyncGenerator<string> {
  let first = true;
  yield '[';
  for await (const batch of batches) {
    if (batch.length === 0) continue;
    const body = batch.map((row) => JSON.stringify(toObject(row))).join(',');
    yield first ? body : `,${body}`;
    first = false;
  }
  yield ']';
}

/**
 * Walks keyset batches: `first` is already fetched (so a database error surfaces before the
 * response starts), `next` fetches what follows the last row of a full batch.
 */
export async function* keysetBatches<T>(
  first: T[],
  batchSize: number,
  next: (last: T) => Promise<T[]>,
): AsyncGenerator<T[]> {
  let batch = first;
  for (;;) {
    if (batch.length > 0) yield batch;
    const last = batch[batch.length - 1];
    if (batch.length < batchSize || last === undefined) return;
    batch = await next(last);
  }
}
