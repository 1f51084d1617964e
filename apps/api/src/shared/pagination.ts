/**
 * `X-Total-Count` and an RFC 8288 `Link` header (`first`, `prev`, `next`) for a limit/offset page. The links
 * are relative: the request's own path and query with only `offset` (and `limit`) replaced.
 */
export function paginationHeaders(
  requestUrl: string,
  page: { limit: number; offset: number; total: number },
): Record<string, string> {
  const headers: Record<string, string> = { 'x-total-count': String(page.total) };
  const url = new URL(requestUrl, 'http://localhost');
  const link = (offset: number, rel: string): string => {
    const params = new URLSearchParams(url.search);
    params.set('limit', String(page.limit));
    params.set('offset', String(offset));
    return `<${url.pathname}?${params.toString()}>; rel="${rel}"`;
  };
  // Same order and rels as the tasks list: first always, then prev and next when they exist.
  const links = [link(0, 'first')];
  if (page.offset > 0) links.push(link(Math.max(0, page.offset - page.limit), 'prev'));
  if (page.offset + page.limit < page.total) links.push(link(page.offset + page.limit, 'next'));
  headers.link = links.join(', ');
  return headers;
}
