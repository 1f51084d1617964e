import type { Locator } from 'playwright-core';

// Reading the figures the page prints back into numbers, so they can be compared with the
// API's JSON. The parsers know the app's formats (lib/format.ts, en-US): "1,234", "85.71%",
// "1 h 05 min", "41.5 h", "1.15×", and "—" for a figure the API gives as null.

const NONE = '—';

function number(text: string): number {
  // Grouping commas go; U+2212 is the minus sign the app prints for negative durations.
  const value = Number(text.replace(/,/g, '').replace('\u2212', '-'));
  if (!Number.isFinite(value)) throw new Error(`not a number: "${text}"`);
  return value;
}

/** "1,234" → 1234; "—" → null. */
export function count(text: string): number | null {
  const t = text.trim();
  return t === NONE ? null : number(t);
}

/** "85.71%" → 85.71 (the percentage as printed); "—" → null. */
export function percentage(text: string): number | null {
  const t = text.trim();
  if (t === NONE) return null;
  if (!t.endsWith('%')) throw new Error(`not a percentage: "${text}"`);
  return number(t.slice(0, -1));
}

/** "41.5 h" → 41.5; "—" → null. */
export function hours(text: string): number | null {
  const t = text.trim();
  if (t === NONE) return null;
  const match = /^(\S+) h$/.exec(t);
  if (match?.[1] === undefined) throw new Error(`not hours: "${text}"`);
  return number(match[1]);
}

/** "1.15×" → 1.15; "—" → null. */
export function factor(text: string): number | null {
  const t = text.trim();
  if (t === NONE) return null;
  if (!t.endsWith('×')) throw new Error(`not a factor: "${text}"`);
  return number(t.slice(0, -1));
}

/** "1 h 05 min" → 65, "45 min" → 45, "2 h 00 min" → 120; "—" → null. */
export function duration(text: string): number | null {
  const t = text.trim();
  if (t === NONE) return null;
  const match = /^(−)?(?:([\d,]+) h ?)?(?:(\d+) min)?$/.exec(t);
  if (match === null || (match[2] === undefined && match[3] === undefined)) {
    throw new Error(`not a duration: "${text}"`);
  }
  const total = number(match[2] ?? '0') * 60 + number(match[3] ?? '0');
  return match[1] === undefined ? total : -total;
}

/** A ratio the API gives as 0.8571 and the page as "85.71%": the same figure, in percent. */
export const asPercent = (ratio: number | null): number | null =>
  ratio === null ? null : Math.round(ratio * 1e6) / 1e4;

/**
 * A table as a screen reader reads it: its column headers and, per row, the text of every
 * cell (the row header first), keyed by column header.
 */
export async function readTable(table: Locator): Promise<Record<string, string>[]> {
  await table.waitFor();
  return table.evaluate((element) => {
    if (!(element instanceof HTMLTableElement)) throw new Error('not a table');
    const headers = Array.from(element.tHead?.rows[0]?.cells ?? [], (cell) =>
      cell.innerText.trim(),
    );
    return Array.from(element.tBodies).flatMap((body) =>
      Array.from(body.rows, (row) =>
        Object.fromEntries(
          Array.from(row.cells, (cell, i) => [headers[i] ?? `#${i}`, cell.innerText.trim()]),
        ),
      ),
    );
  });
}

/** A description list (dt/dd pairs, e.g. the summary cards): each term's first definition. */
export async function readTerms(list: Locator): Promise<Record<string, string>> {
  await list.waitFor();
  return list.evaluate((element) => {
    const terms: Record<string, string> = {};
    for (const term of Array.from(element.querySelectorAll('dt'))) {
      let next = term.nextElementSibling;
      while (next !== null && next.tagName !== 'DD') next = next.nextElementSibling;
      if (next !== null) terms[term.textContent.trim()] = (next as HTMLElement).innerText.trim();
    }
    return terms;
  });
}
