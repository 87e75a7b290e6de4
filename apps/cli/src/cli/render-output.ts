import type { CommandResult } from './command-definition.js';
import { UsageError } from './parse-arguments.js';

export type OutputFormat = 'json' | 'table' | 'yaml';

export function outputFormatOf(value: unknown): OutputFormat {
  if (value === undefined) return 'json';
  if (value === 'json' || value === 'table' || value === 'yaml') return value;
  throw new UsageError(`--format must be json, table or yaml (got "${String(value)}").`);
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function renderTable(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const text = rows.map((row) => row.map(cell));
  const widths = columns.map((column, index) => Math.max(column.length, ...text.map((row) => (row[index] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((value, index) => value.padEnd(widths[index]!)).join('  ').trimEnd();
  return [line(columns.map((column) => column.toUpperCase())), ...text.map(line)].join('\n') + '\n';
}

/** Finds the first array of objects in a result, for a generic table view. */
function tableOf(output: unknown): { columns: string[]; rows: unknown[][] } {
  const list = Array.isArray(output)
    ? output
    : output && typeof output === 'object'
      ? Object.values(output).find((value) => Array.isArray(value))
      : undefined;
  if (Array.isArray(list) && list.every((item) => item && typeof item === 'object' && !Array.isArray(item))) {
    const columns = [...new Set(list.flatMap((item) => Object.keys(item as object)))];
    return { columns, rows: list.map((item) => columns.map((column) => (item as Record<string, unknown>)[column])) };
  }
  if (output && typeof output === 'object') {
    return { columns: ['field', 'value'], rows: Object.entries(output).map(([key, value]) => [key, value]) };
  }
  return { columns: ['value'], rows: [[output]] };
}

export async function renderOutput(result: CommandResult, format: OutputFormat): Promise<string> {
  if (result.output === undefined) return '';
  if (format === 'json') return `${JSON.stringify(result.output, null, 2)}\n`;
  if (format === 'yaml') {
    const { stringify } = await import('yaml');
    return stringify(result.output);
  }
  const table = result.table ?? tableOf(result.output);
  return renderTable(table.columns, table.rows);
}
