/** Hours in a month as providers bill them (730 = 365 × 24 / 12). */
export const HOURS_PER_MONTH = 730;

export function formatMoney(amount: number | null | undefined, currency = 'USD', digits = 4): string {
  if (amount === null || amount === undefined) return '—';
  return `${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: digits })} ${currency}`;
}

export function formatDateTime(value: string | null | undefined): string {
  if (value === null || value === undefined) return '—';
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC');
}

export function formatMemory(gigabytes: number): string {
  return gigabytes < 1 ? `${Math.round(gigabytes * 1024)} MB` : `${gigabytes.toLocaleString('en-US', { maximumFractionDigits: 1 })} GB`;
}

/** What `count` machines cost per hour and per month at `hourly` each. */
export function priceFor(count: number, hourly: number | null, monthly: number | null): { readonly hourly: number | null; readonly monthly: number | null } {
  return {
    hourly: hourly === null ? null : round(count * hourly),
    monthly: monthly !== null ? round(count * monthly) : hourly === null ? null : round(count * hourly * HOURS_PER_MONTH),
  };
}

const round = (value: number) => Math.round(value * 1e6) / 1e6;
