import { keysetPaths } from './generated/operations.js';

const keyset = new Set<string>(keysetPaths);

/**
 * The query of the first page. Lists that have a keyset cursor start a cursor walk (`cursor=`
 * empty), so every page costs what the first does and concurrent inserts never shift a page;
 * unless the caller already chose a cursor or an offset.
 */
export function firstPageQuery(
  path: string,
  query: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const first = { ...query };
  if (keyset.has(path) && first.cursor === undefined && first.offset === undefined) {
    first.cursor = '';
  }
  return first;
}

/**
 * The target of the `rel="next"` link of an RFC 8288 Link header, or undefined. URLs are taken
 * between <>, so commas inside them (`status=todo,doing`) don't split links.
 */
export function nextLink(header: string | null): string | undefined {
  if (header === null) return undefined;
  for (const [, target, params] of header.matchAll(/<([^>]*)>([^<]*)/g)) {
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(params ?? '');
    const rels = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/);
    if (rels.includes('next')) return target;
  }
  return undefined;
}

/**
 * The query of a link target, repeated keys as arrays. The next page is the same operation
 * with another query (the API keeps the path and the filters), so only the query is taken and
 * the path stays the typed one: the call goes through the same auth, timeout and error handling.
 */
export function linkQuery(target: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const [key, value] of new URL(target, 'http://link.invalid').searchParams) {
    const seen = query[key];
    query[key] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return query;
}
