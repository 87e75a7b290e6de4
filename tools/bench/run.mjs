// Runs every benchmark suite in tools/bench/suites against the BUILT packages, --repeat times,
// and prints each figure's min/median/max beside its target, the machine's load average before
// and after, and same-run baselines (`node -e 0` wall and CPU time, GET /healthz of the built
// API) with each figure's ratio to its baseline. A figure quoted without its load and baseline
// says little on a shared machine: quote the median, the load and the baseline ratio together.
// Usage: npm run bench -- [--repeat N] [--json FILE] [suite-name-substring…]   (builds first)
//        node tools/bench/run.mjs [--repeat N] [--json FILE] [suite-name-substring…]
import { readdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BASELINES, measureBaselines } from './baselines.mjs';
import { aggregateRows, parseArguments, statistics } from './rows.mjs';

let options;
try {
  options = parseArguments(process.argv.slice(2));
} catch (error) {
  console.error(`bench: ${error.message}`);
  process.exit(2);
}
const suitesDirectory = join(dirname(fileURLToPath(import.meta.url)), 'suites');
const suiteFiles = readdirSync(suitesDirectory)
  .filter((file) => file.endsWith('.bench.mjs'))
  .filter((file) => options.filters.length === 0 || options.filters.some((filter) => file.includes(filter)))
  .sort();

const loadAtStart = loadavg();
const rounds = [];
for (let round = 1; round <= options.repeat; round += 1) {
  const prefix = options.repeat > 1 ? `round ${round}/${options.repeat}: ` : '';
  process.stderr.write(`bench: ${prefix}measuring baselines…\n`);
  const baselines = await measureBaselines();
  const figures = [];
  for (const file of suiteFiles) {
    const suite = file.replace(/\.bench\.mjs$/, '');
    process.stderr.write(`bench: ${prefix}running ${suite}…\n`);
    const module = await import(pathToFileURL(join(suitesDirectory, file)).href);
    try {
      await module.default({ report: (figure) => figures.push({ suite, ...figure }), baselines });
    } catch (error) {
      figures.push({ suite, name: 'suite crashed', value: String(error?.message ?? error), unit: '', pass: false });
    }
  }
  rounds.push({ baselines, figures, load: loadavg() });
}
const loadAtEnd = loadavg();

const rows = aggregateRows(rounds);
const format = (value) =>
  typeof value === 'number'
    ? Number.isInteger(value)
      ? String(value)
      : value.toFixed(Math.abs(value) < 10 ? 3 : Math.abs(value) < 100 ? 1 : 0)
    : String(value ?? '');
const spread = (statistics, suffix = '') =>
  statistics === undefined
    ? ''
    : options.repeat === 1
      ? `${format(statistics.median)}${suffix}`
      : `${format(statistics.median)}${suffix} (${format(statistics.min)}–${format(statistics.max)})`;
const table = rows.map((row) => [
  row.suite,
  row.name,
  `${typeof row.value === 'object' ? spread(row.value) : format(row.value)} ${row.unit ?? ''}`.trim(),
  row.baselineRatio === undefined ? '' : `${spread(row.baselineRatio, '×')} ${BASELINES[row.baseline].short}`,
  String(row.target ?? ''),
  spread(row.ratio, '×'),
  row.status,
]);
const header = ['suite', 'figure', options.repeat === 1 ? 'measured' : 'median (min–max)', 'vs baseline', 'target', 'ratio', ''];
const widths = header.map((title, column) => Math.max(title.length, ...table.map((cells) => cells[column].length)));
const line = (cells) => cells.map((cell, column) => cell.padEnd(widths[column])).join('  ');
const loadText = (load) => load.map((value) => value.toFixed(2)).join(' ');

console.log(`load average (1, 5, 15 min) at start: ${loadText(loadAtStart)}; at end: ${loadText(loadAtEnd)}; ${cpus().length} cores`);
for (const [key, baseline] of Object.entries(BASELINES)) {
  const values = rounds.map((round) => round.baselines[key]).filter((value) => typeof value === 'number');
  const failure = rounds.map((round) => round.baselines.errors[key]).find(Boolean);
  const text = values.length > 0 ? `${spread(statistics(values))} ${baseline.unit}` : `not measured (${failure})`;
  console.log(`baseline ${baseline.name}: ${text}`);
}
console.log('');
console.log(line(header));
console.log(widths.map((width) => '-'.repeat(width)).join('  '));
for (const cells of table) console.log(line(cells));
const failed = rows.filter((row) => row.failed).length;
console.log(
  `\n${rows.length} figures over ${options.repeat} run${options.repeat === 1 ? '' : 's'}, ${failed} below target ` +
    `(node ${process.version}, ${process.platform}/${process.arch})`,
);

if (options.json !== undefined) {
  const document = {
    node: process.version,
    platform: `${process.platform}/${process.arch}`,
    cores: cpus().length,
    repeat: options.repeat,
    load: { start: loadAtStart, end: loadAtEnd, afterEachRun: rounds.map((round) => round.load) },
    baselines: rounds.map((round) => round.baselines),
    rows,
  };
  writeFileSync(options.json, `${JSON.stringify(document, null, 2)}\n`);
  process.stderr.write(`bench: wrote ${rows.length} figures to ${options.json}\n`);
}
process.exitCode = failed > 0 ? 1 : 0;

