// Runs every benchmark suite in tools/bench/suites against the BUILT packages and prints each
// figure beside its target and the ratio, all measured in this one run.
// Usage: npm run bench            (builds first)
//        node tools/bench/run.mjs [suite-name-substring…]
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const suitesDirectory = join(dirname(fileURLToPath(import.meta.url)), 'suites');
const filters = process.argv.slice(2);
const suiteFiles = readdirSync(suitesDirectory)
  .filter((file) => file.endsWith('.bench.mjs'))
  .filter((file) => filters.length === 0 || filters.some((filter) => file.includes(filter)))
  .sort();

const rows = [];
let failed = 0;
for (const file of suiteFiles) {
  const suite = file.replace(/\.bench\.mjs$/, '');
  process.stderr.write(`bench: running ${suite}…\n`);
  const module = await import(pathToFileURL(join(suitesDirectory, file)).href);
  const report = (figure) => {
    rows.push({ suite, ...figure });
    if (figure.pass === false) failed += 1;
  };
  try {
    await module.default({ report });
  } catch (error) {
    rows.push({ suite, name: 'suite crashed', value: String(error?.message ?? error), unit: '', target: '', ratio: '', pass: false });
    failed += 1;
  }
}

const format = (value) =>
  typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toFixed(value < 10 ? 3 : 1)) : String(value ?? '');
const table = rows.map((row) => [
  row.suite,
  row.name,
  `${format(row.value)} ${row.unit ?? ''}`.trim(),
  String(row.target ?? ''),
  row.ratio === undefined || row.ratio === '' ? '' : `${format(row.ratio)}×`,
  row.pass === undefined ? '' : row.pass ? 'PASS' : 'FAIL',
]);
const header = ['suite', 'figure', 'measured', 'target', 'ratio', ''];
const widths = header.map((title, column) => Math.max(title.length, ...table.map((row) => row[column].length)));
const line = (cells) => cells.map((cell, column) => cell.padEnd(widths[column])).join('  ');
console.log(line(header));
console.log(widths.map((width) => '-'.repeat(width)).join('  '));
for (const row of table) console.log(line(row));
console.log(`\n${rows.length} figures, ${failed} below target (node ${process.version}, ${process.platform}/${process.arch})`);
process.exitCode = failed > 0 ? 1 : 0;
