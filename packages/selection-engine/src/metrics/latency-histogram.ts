/**
 * Latencies are counted in logarithmic bins (each 25% wider than the last, from 1 ms to about
 * 1.7 hours) so a bucket keeps percentiles in a fixed 72 numbers however many samples it sees.
 * A percentile read from a bin is off by at most half a bin (about ±12%), clamped to the
 * observed minimum and maximum, so a window of identical latencies reports them exactly.
 */
const GROWTH = 1.25;
const LOG_GROWTH = Math.log(GROWTH);

export const LATENCY_BIN_COUNT = 72;

export function latencyBinOf(latencyMs: number): number {
  if (!(latencyMs >= 1)) return 0;
  const bin = Math.floor(Math.log(latencyMs) / LOG_GROWTH) + 1;
  return bin >= LATENCY_BIN_COUNT ? LATENCY_BIN_COUNT - 1 : bin;
}

/** The geometric middle of a bin: the value reported for samples that fell in it. */
export function latencyBinMiddle(bin: number): number {
  if (bin <= 0) return 0.5;
  return Math.sqrt(GROWTH ** (bin - 1) * GROWTH ** bin);
}

/** The `percentile` (0–100) of the samples counted in `histogram`, or null when it is empty. */
export function percentileOf(
  histogram: ArrayLike<number>,
  count: number,
  percentile: number,
  minimum: number,
  maximum: number,
): number | null {
  if (count <= 0) return null;
  const rank = Math.max(1, Math.ceil((percentile / 100) * count));
  let seen = 0;
  for (let bin = 0; bin < histogram.length; bin += 1) {
    seen += histogram[bin]!;
    if (seen >= rank) return Math.min(maximum, Math.max(minimum, latencyBinMiddle(bin)));
  }
  return maximum;
}
