import { describe, expect, it } from 'vitest';
import { roundTop, stackedBarLayout } from './chart-layout';

describe('roundTop', () => {
  it('rounds up to 1, 2 or 5 times a power of ten, never below 1', () => {
    expect([0, 0.4, 1, 2, 3, 7, 10, 11, 26, 480].map(roundTop)).toEqual([1, 1, 1, 2, 5, 10, 10, 20, 50, 500]);
  });
});

describe('stackedBarLayout', () => {
  const size = { width: 130, height: 124, left: 28, top: 6, bottom: 18 };

  it('stacks the series from the baseline up, scaled to a round top', () => {
    const layout = stackedBarLayout(
      [
        { ok: 3, failed: 1 },
        { ok: 0, failed: 2 },
      ],
      ['ok', 'failed'],
      size,
    );
    // Plot: 100 × 100 from (28, 6); the largest stack is 4, so the top stands for 5.
    expect(layout.plot).toEqual({ left: 28, top: 6, width: 100, height: 100 });
    expect(layout.top).toBe(5);
    const [first, second] = layout.bars;
    expect(first).toEqual({
      x: 28 + 7.5,
      width: 35,
      segments: [
        { series: 'ok', value: 3, y: 106 - 60, height: 60 },
        { series: 'failed', value: 1, y: 106 - 80, height: 20 },
      ],
    });
    // A zero segment is not drawn.
    expect(second?.segments).toEqual([{ series: 'failed', value: 2, y: 106 - 40, height: 40 }]);
    expect(second?.x).toBe(28 + 50 + 7.5);
  });

  it('draws nothing but keeps a top of 1 when every bucket is empty', () => {
    const layout = stackedBarLayout([{ ok: 0 }, { ok: 0 }], ['ok'], size);
    expect(layout.top).toBe(1);
    expect(layout.bars.every((bar) => bar.segments.length === 0)).toBe(true);
  });
});
