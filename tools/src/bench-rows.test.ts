import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

interface Statistics {
  readonly min: number;
  readonly median: number;
  readonly max: number;
}
interface Round {
  readonly baselines: Record<string, unknown>;
  readonly figures: readonly Record<string, unknown>[];
}
interface BenchRows {
  parseArguments(argv: readonly string[]): { repeat: number; json: string | undefined; filters: string[] };
  statistics(values: readonly number[]): Statistics | undefined;
  aggregateRows(rounds: readonly Round[]): Record<string, unknown>[];
}

// The runner is plain JavaScript run by node; imported by URL so the type check leaves it alone.
const { aggregateRows, parseArguments, statistics } = (await import(
  pathToFileURL(resolve(import.meta.dirname, '../bench/rows.mjs')).href
)) as BenchRows;

const baselines = (nodeWallMs: number, healthzRequestsPerSecond: number) => ({ errors: {}, nodeWallMs, nodeCpuMs: 40, healthzRequestsPerSecond });

describe('benchmark runner arguments', () => {
  it('runs every suite once by default, and reads --repeat, --json and suite filters in any order', () => {
    expect(parseArguments([])).toEqual({ repeat: 1, json: undefined, filters: [] });
    expect(parseArguments(['api', '--repeat', '3', '--json', 'out.json', 'cli'])).toEqual({ repeat: 3, json: 'out.json', filters: ['api', 'cli'] });
    expect(parseArguments(['--repeat=2', '--json=rows.json'])).toEqual({ repeat: 2, json: 'rows.json', filters: [] });
  });

  it('refuses a repeat that is not a whole number from 1, a missing value and unknown options', () => {
    expect(() => parseArguments(['--repeat', '0'])).toThrow('--repeat takes a whole number ≥ 1, not "0"');
    expect(() => parseArguments(['--repeat', '2.5'])).toThrow('not "2.5"');
    expect(() => parseArguments(['--json'])).toThrow('--json needs a value');
    expect(() => parseArguments(['--repeats', '2'])).toThrow('unknown option --repeats');
  });
});

describe('benchmark rows over several runs', () => {
  it('gives min, median and max, the median of an even count being the mean of the middle two', () => {
    expect(statistics([5, 1, 3])).toEqual({ min: 1, median: 3, max: 5 });
    expect(statistics([4, 1, 3, 10])).toEqual({ min: 1, median: 3.5, max: 10 });
    expect(statistics([])).toBeUndefined();
  });

  it('divides each run by its own baseline: CLI times by node -e 0, a figure that names one by it', () => {
    const rows = aggregateRows([
      {
        baselines: baselines(50, 10_000),
        figures: [
          { suite: 'cli', name: 'ohfp getAvailableTemplates', value: 100, unit: 'ms', target: '≤ 3× node -e 0', ratio: 2, pass: true },
          { suite: 'api', name: 'GET /requests/{id}', value: 6_000, unit: 'req/s', baseline: 'healthzRequestsPerSecond', ratio: 1.2, pass: true },
          { suite: 'selection-engine', name: 'select()', value: 9, unit: 'ms' },
        ],
      },
      {
        baselines: baselines(100, 5_000),
        figures: [
          { suite: 'cli', name: 'ohfp getAvailableTemplates', value: 400, unit: 'ms', target: '≤ 3× node -e 0', ratio: 4, pass: false },
          { suite: 'api', name: 'GET /requests/{id}', value: 4_000, unit: 'req/s', baseline: 'healthzRequestsPerSecond', ratio: 0.8, pass: false },
          { suite: 'selection-engine', name: 'select()', value: 7, unit: 'ms' },
        ],
      },
    ]);
    expect(rows.map((row) => [row.suite, row.baseline])).toEqual([
      ['cli', 'nodeWallMs'],
      ['api', 'healthzRequestsPerSecond'],
      ['selection-engine', undefined],
    ]);
    const [cli, api, selection] = rows;
    expect(cli).toMatchObject({ values: [100, 400], value: { min: 100, median: 250, max: 400 }, ratio: { min: 2, median: 3, max: 4 } });
    expect(cli?.baselineRatio).toEqual({ min: 2, median: 3, max: 4 });
    expect(api?.baselineRatio).toEqual({ min: 0.6, median: 0.7, max: 0.8 });
    expect(selection).toMatchObject({ value: { min: 7, median: 8, max: 9 }, baselineRatio: undefined, status: '', failed: false });
    // Met in one run of two: the median run is not below target.
    expect(api).toMatchObject({ status: 'PASS 1/2', failed: false });
  });

  it('fails a figure that missed its target in more than half the runs, and keeps a crash message', () => {
    const round = (pass: boolean) => ({ baselines: baselines(50, 10_000), figures: [{ suite: 'api', name: 'p99', value: 30, unit: 'ms', pass }] });
    expect(aggregateRows([round(true), round(false), round(false)])[0]).toMatchObject({ status: 'PASS 1/3', failed: true });
    expect(aggregateRows([round(false)])[0]).toMatchObject({ status: 'FAIL', failed: true });
    const crashed = aggregateRows([{ baselines: baselines(50, 10_000), figures: [{ suite: 'api', name: 'suite crashed', value: 'no server', unit: '', pass: false }] }]);
    expect(crashed[0]).toMatchObject({ value: 'no server', status: 'FAIL', failed: true });
  });

  it('refuses a baseline name it does not know', () => {
    expect(() => aggregateRows([{ baselines: baselines(50, 10_000), figures: [{ suite: 'api', name: 'x', value: 1, baseline: 'nodeMs' }] }])).toThrow(
      'unknown baseline "nodeMs"',
    );
  });
});
