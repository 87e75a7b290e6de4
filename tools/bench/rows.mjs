// Command-line options of the benchmark runner, and the figures of several runs folded into one
// row each: min/median/max of the value, of the target ratio and of the ratio to the baseline
// measured in the same run.
import { BASELINES } from './baselines.mjs';

const USAGE = 'usage: node tools/bench/run.mjs [--repeat N] [--json FILE] [suite-name-substring…]';

/** `--repeat N` (default 1), `--json FILE`, and the suite-name filters; `--name=value` works too. */
export function parseArguments(argv) {
  const options = { repeat: 1, json: undefined, filters: [] };
  for (let index = 0; index < argv.length; index += 1) {
    const [flag, inline] = argv[index].startsWith('--') ? argv[index].split(/=(.*)/s, 2) : [argv[index]];
    const value = () => {
      const next = inline ?? argv[(index += 1)];
      if (next === undefined || next === '') throw new Error(`${flag} needs a value; ${USAGE}`);
      return next;
    };
    if (flag === '--repeat') {
      const text = value();
      options.repeat = Number(text);
      if (!Number.isInteger(options.repeat) || options.repeat < 1) throw new Error(`--repeat takes a whole number ≥ 1, not "${text}"; ${USAGE}`);
    } else if (flag === '--json') {
      options.json = value();
    } else if (flag.startsWith('--')) {
      throw new Error(`unknown option ${flag}; ${USAGE}`);
    } else {
      options.filters.push(flag);
    }
  }
  return options;
}

/** Min, median (the mean of the middle two for an even count) and max; undefined for no values. */
export function statistics(values) {
  if (values.length === 0) return undefined;
  const sorted = [...values].sort((left, right) => left - right);
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  return { min: sorted[0], median, max: sorted.at(-1) };
}

/**
 * The baseline a figure is compared with: the one it names, else process times of the CLI suite
 * against `node -e 0` (a whole `ohfp` process is what a scheduler pays per call).
 */
export function baselineOf(figure) {
  if (figure.baseline !== undefined) {
    if (!(figure.baseline in BASELINES)) throw new Error(`figure "${figure.name}" names an unknown baseline "${figure.baseline}"`);
    return figure.baseline;
  }
  return figure.suite === 'cli' && figure.unit === 'ms' ? 'nodeWallMs' : undefined;
}

/**
 * One row per figure (suite + name) in the order first reported. `rounds` are
 * `{ baselines, figures }`; a figure's baseline ratio uses its own round's baseline.
 */
export function aggregateRows(rounds) {
  const rows = new Map();
  for (const round of rounds) {
    for (const figure of round.figures) {
      const key = `${figure.suite}\u0000${figure.name}`;
      let row = rows.get(key);
      if (row === undefined) {
        row = { suite: figure.suite, name: figure.name, unit: figure.unit ?? '', target: figure.target ?? '', baseline: baselineOf(figure), values: [], ratios: [], baselineRatios: [], passes: 0, judged: 0 };
        rows.set(key, row);
      }
      row.values.push(figure.value);
      if (typeof figure.ratio === 'number') row.ratios.push(figure.ratio);
      const baseline = row.baseline === undefined ? undefined : round.baselines[row.baseline];
      if (typeof figure.value === 'number' && typeof baseline === 'number' && baseline > 0) row.baselineRatios.push(figure.value / baseline);
      if (typeof figure.pass === 'boolean') {
        row.judged += 1;
        if (figure.pass) row.passes += 1;
      }
    }
  }
  return [...rows.values()].map(({ values, ratios, baselineRatios, passes, judged, ...row }) => {
    const numbers = values.filter((value) => typeof value === 'number');
    return {
      ...row,
      values,
      value: numbers.length === values.length ? statistics(numbers) : values.at(-1),
      ratio: statistics(ratios),
      baselineRatio: statistics(baselineRatios),
      status: judged === 0 ? '' : passes === judged ? 'PASS' : passes === 0 ? 'FAIL' : `PASS ${passes}/${judged}`,
      // Judged by the median: a figure fails when it missed its target in more than half the runs.
      failed: judged > 0 && passes * 2 < judged,
    };
  });
}
