/**
 * How long the server asked us to wait, from `Retry-After` (delta seconds or an HTTP date).
 * Undefined when the header is absent or unreadable; never negative.
 */
export function retryAfterMsFromHeaders(headers: Headers, now: Date = new Date()): number | undefined {
  const value = headers.get('retry-after')?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now.getTime());
}
