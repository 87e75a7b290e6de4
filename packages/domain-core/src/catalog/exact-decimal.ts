/**
 * Prices are decimals (0.0075 $/h), but binary floating point cannot hold most of them: 0.1 + 0.2
 * is 0.30000000000000004 and 0.0052 × 1.125 rounds to 0.0058 instead of 0.0059. Markup is
 * therefore computed on integers: a number becomes the decimal it is written as, the arithmetic
 * is exact in bigint, and only the final rounding turns it back into a number.
 */
export interface ExactDecimal {
  /** The value in units of 10^-scale: 0.075 is 75 units at scale 3. */
  readonly units: bigint;
  readonly scale: number;
}

/** The decimal a number is written as: its shortest round-trip form (0.1, not 0.1000000000000000055…). */
export function exactDecimal(value: number): ExactDecimal {
  if (!Number.isFinite(value)) throw new RangeError(`A price must be a finite number, got ${value}`);
  const [mantissa = '0', exponentText] = String(value).split('e');
  const [whole = '0', fraction = ''] = mantissa.split('.');
  const units = BigInt(whole + fraction);
  const scale = fraction.length - (exponentText === undefined ? 0 : Number(exponentText));
  return scale >= 0 ? { units, scale } : { units: units * 10n ** BigInt(-scale), scale: 0 };
}

function atScale(decimal: ExactDecimal, scale: number): bigint {
  return decimal.units * 10n ** BigInt(scale - decimal.scale);
}

export function addDecimals(left: ExactDecimal, right: ExactDecimal): ExactDecimal {
  const scale = Math.max(left.scale, right.scale);
  return { units: atScale(left, scale) + atScale(right, scale), scale };
}

export function multiplyDecimals(left: ExactDecimal, right: ExactDecimal): ExactDecimal {
  return { units: left.units * right.units, scale: left.scale + right.scale };
}

/** A hundredth of the decimal, exactly (a percentage as a fraction). */
export function hundredthOf(decimal: ExactDecimal): ExactDecimal {
  return { units: decimal.units, scale: decimal.scale + 2 };
}

/** The decimal rounded half away from zero to `places` decimals, as the nearest number. */
export function roundDecimal(decimal: ExactDecimal, places: number): number {
  if (decimal.scale <= places) return Number(decimal.units) / 10 ** decimal.scale;
  const divisor = 10n ** BigInt(decimal.scale - places);
  const magnitude = decimal.units < 0n ? -decimal.units : decimal.units;
  const rounded = (magnitude + divisor / 2n) / divisor;
  return Number(decimal.units < 0n ? -rounded : rounded) / 10 ** places;
}
