import { describe, expect, it } from 'vitest';
import { addDecimals, exactDecimal, hundredthOf, multiplyDecimals, roundDecimal } from './exact-decimal.js';

describe('exact decimals', () => {
  it('reads a number as the decimal it is written as, exponent forms included', () => {
    expect(exactDecimal(0.1)).toEqual({ units: 1n, scale: 1 });
    expect(exactDecimal(0.0116)).toEqual({ units: 116n, scale: 4 });
    expect(exactDecimal(1e-7)).toEqual({ units: 1n, scale: 7 });
    expect(exactDecimal(2.5e21)).toEqual({ units: 2_500_000_000_000_000_000_000n, scale: 0 });
    expect(exactDecimal(730)).toEqual({ units: 730n, scale: 0 });
    expect(() => exactDecimal(Number.NaN)).toThrow(/finite/);
  });

  it('adds and multiplies without binary drift', () => {
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(roundDecimal(addDecimals(exactDecimal(0.1), exactDecimal(0.2)), 4)).toBe(0.3);
    // 0.0052 × 1.125 = 0.00585 exactly, which rounds up; in floats it is 0.005849999… and rounds down.
    expect(Math.round(0.0052 * 1.125 * 10_000) / 10_000).toBe(0.0058);
    expect(roundDecimal(multiplyDecimals(exactDecimal(0.0052), exactDecimal(1.125)), 4)).toBe(0.0059);
    expect(roundDecimal(multiplyDecimals(exactDecimal(0.0075), exactDecimal(730)), 4)).toBe(5.475);
  });

  it('takes a hundredth exactly and rounds half away from zero', () => {
    expect(hundredthOf(exactDecimal(7.5))).toEqual({ units: 75n, scale: 3 });
    expect(roundDecimal({ units: 5n, scale: 5 }, 4)).toBe(0.0001);
    expect(roundDecimal({ units: 4n, scale: 5 }, 4)).toBe(0);
    expect(roundDecimal({ units: -5n, scale: 5 }, 4)).toBe(-0.0001);
    expect(roundDecimal({ units: 12n, scale: 1 }, 4)).toBe(1.2);
  });
});
