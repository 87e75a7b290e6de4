/** One stacked segment of a bar, in the chart's own units (its viewBox). */
export interface BarSegment {
  readonly series: string;
  readonly value: number;
  readonly y: number;
  readonly height: number;
}

export interface ChartBar {
  readonly x: number;
  readonly width: number;
  readonly segments: readonly BarSegment[];
}

export interface ChartLayout {
  /** The value the top of the plot stands for: a round number at or above the largest stack. */
  readonly top: number;
  readonly bars: readonly ChartBar[];
  /** The plot area inside the viewBox (room is left for the axis labels). */
  readonly plot: { readonly left: number; readonly top: number; readonly width: number; readonly height: number };
}

/** 1, 2 or 5 times a power of ten, at or above `value` (at least 1), so the axis reads easily. */
export function roundTop(value: number): number {
  if (!(value > 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((multiple) => multiple * power >= value) ?? 10;
  return step * power;
}

/**
 * Where each bar and its stacked segments go in a `width` × `height` viewBox: one bar per
 * bucket, segments in the order of `series`, drawn from the baseline up. Zero segments are left
 * out (nothing to draw).
 */
export function stackedBarLayout(
  buckets: readonly Readonly<Record<string, number>>[],
  series: readonly string[],
  size: { readonly width: number; readonly height: number; readonly left?: number; readonly bottom?: number; readonly top?: number },
): ChartLayout {
  const plot = { left: size.left ?? 28, top: size.top ?? 6, width: 0, height: 0 };
  const plotArea = { ...plot, width: size.width - plot.left - 2, height: size.height - plot.top - (size.bottom ?? 18) };
  const totals = buckets.map((bucket) => series.reduce((sum, name) => sum + Math.max(0, bucket[name] ?? 0), 0));
  const top = roundTop(Math.max(0, ...totals));
  const slot = buckets.length === 0 ? 0 : plotArea.width / buckets.length;
  const barWidth = slot * 0.7;
  const scale = plotArea.height / top;
  const baseline = plotArea.top + plotArea.height;
  const bars = buckets.map((bucket, index) => {
    let stacked = 0;
    const segments: BarSegment[] = [];
    for (const name of series) {
      const value = Math.max(0, bucket[name] ?? 0);
      if (value === 0) continue;
      const height = value * scale;
      stacked += height;
      segments.push({ series: name, value, y: baseline - stacked, height });
    }
    return { x: plotArea.left + index * slot + (slot - barWidth) / 2, width: barWidth, segments };
  });
  return { top, bars, plot: plotArea };
}
