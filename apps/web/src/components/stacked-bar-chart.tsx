import { useId } from 'react';
import { stackedBarLayout } from './chart-layout';

const WIDTH = 480;
const HEIGHT = 150;

export interface ChartSeries {
  readonly key: string;
  readonly label: string;
  /** Tint class (`chart-good`, `chart-bad`…); every series also has a legend entry in words. */
  readonly tone: string;
}

/**
 * A small stacked bar chart as inline SVG (no chart library, nothing the CSP forbids): one bar
 * per bucket, a round-numbered axis, labels under every `labelEvery`-th bar. Screen readers get
 * `summary` as the image's description; the figures themselves belong in a table beside it.
 */
export function StackedBarChart({
  title,
  summary,
  buckets,
  series,
  labels,
  labelEvery = 6,
}: {
  readonly title: string;
  /** One or two sentences that say what the chart shows (its text alternative). */
  readonly summary: string;
  readonly buckets: readonly Readonly<Record<string, number>>[];
  readonly series: readonly ChartSeries[];
  /** The x-axis label of each bucket. */
  readonly labels: readonly string[];
  readonly labelEvery?: number;
}) {
  const titleId = useId();
  const summaryId = useId();
  const layout = stackedBarLayout(
    buckets,
    series.map((entry) => entry.key),
    { width: WIDTH, height: HEIGHT },
  );
  const tones = new Map(series.map((entry) => [entry.key, entry.tone]));
  const { plot } = layout;
  const baseline = plot.top + plot.height;
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby={`${titleId} ${summaryId}`} className="chart-plot">
        <title id={titleId}>{title}</title>
        <desc id={summaryId}>{summary}</desc>
        <g aria-hidden="true">
          <line x1={plot.left} x2={plot.left + plot.width} y1={plot.top} y2={plot.top} className="chart-grid" />
          <line x1={plot.left} x2={plot.left + plot.width} y1={plot.top + plot.height / 2} y2={plot.top + plot.height / 2} className="chart-grid" />
          <line x1={plot.left} x2={plot.left + plot.width} y1={baseline} y2={baseline} className="chart-axis" />
          <text x={plot.left - 4} y={plot.top + 4} className="chart-label chart-label-end">
            {layout.top}
          </text>
          <text x={plot.left - 4} y={baseline} className="chart-label chart-label-end">
            0
          </text>
          {layout.bars.map((bar, index) => (
            <g key={labels[index] ?? index}>
              {bar.segments.map((segment) => (
                <rect key={segment.series} x={bar.x} y={segment.y} width={bar.width} height={segment.height} className={tones.get(segment.series)} />
              ))}
              {index % labelEvery === 0 ? (
                <text x={bar.x + bar.width / 2} y={HEIGHT - 4} className="chart-label chart-label-middle">
                  {labels[index]}
                </text>
              ) : null}
            </g>
          ))}
        </g>
      </svg>
      <ul className="chart-legend" aria-hidden="true">
        {series.map((entry) => (
          <li key={entry.key}>
            <svg viewBox="0 0 10 10" className="chart-swatch">
              <rect width="10" height="10" className={entry.tone} />
            </svg>
            {entry.label}
          </li>
        ))}
      </ul>
    </figure>
  );
}
