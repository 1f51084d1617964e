// Saving a response body as a file. The exports are fetched through the SDK (so they carry the
// in-memory access token, which a plain <a href> could not), then handed to the browser's
// download machinery through an object URL.

/**
 * The file name of a `Content-Disposition` header: RFC 6266's `filename*` (UTF-8,
 * percent-encoded) when present, else `filename` (quoted or bare); `fallback` otherwise.
 * Path separators are dropped, as a browser would, so a name can never point elsewhere.
 */
export function filenameFromDisposition(header: string | null, fallback: string): string {
  if (header === null) return fallback;
  const extended = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  let name: string | undefined;
  if (extended?.[1] !== undefined) {
    try {
      name = decodeURIComponent(extended[1].trim());
    } catch {
      name = undefined;
    }
  }
  if (name === undefined) {
    const plain = /filename\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;\s]+))/.exec(header);
    name = plain?.[1]?.replace(/\\(.)/g, '$1') ?? plain?.[2];
  }
  const safe = name?.replace(/[/\\]/g, '_').trim();
  return safe === undefined || safe === '' ? fallback : safe;
}

/** Offers `blob` as a download named `filename`. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The click has started the download; the URL can go once the event loop has moved on.
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 0);
}
