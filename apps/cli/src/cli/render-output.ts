import type { CommandResult } from './command-definition.js';
import { UsageError } from './parse-arguments.js';

export type OutputFormat = 'json' | 'table' | 'yaml';

export function outputFormatOf(value: unknown): OutputFormat {
  if (value === undefined) return 'json';
  if (value === 'json' || value === 'table' || value === 'yaml') return value;
  throw new UsageError(`--format must be json, table or yaml (got "${String(value)}").`);
}

/** Wider values are cut with an ellipsis: a table is for scanning; --format json has everything. */
const MAX_CELL_WIDTH = 48;

function summarize(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) {
    if (value.every((item) => item === null || typeof item !== 'object')) return value.join(', ');
    return `${value.length} item${value.length === 1 ? '' : 's'}`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value).filter(([, entry]) => entry !== undefined && entry !== null);
    if (entries.every(([, entry]) => typeof entry !== 'object')) return entries.map(([key, entry]) => `${key}=${String(entry)}`).join(', ');
    return `${entries.length} field${entries.length === 1 ? '' : 's'}`;
  }
  return String(value);
}

/** The last column cannot push others out of line, so it may be wider. */
const MAX_LAST_CELL_WIDTH = 240;

function cell(value: unknown, last: boolean): string {
  const text = summarize(value).replace(/\s+/g, ' ');
  const width = last ? MAX_LAST_CELL_WIDTH : MAX_CELL_WIDTH;
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}

/** `templateId` → `TEMPLATE ID`, `status_message` → `STATUS MESSAGE`. */
export function columnHeader(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_.-]+/g, ' ')
    .toUpperCase();
}

function renderTable(columns: readonly string[], rows: readonly (readonly unknown[])[]): string {
  const text = rows.map((row) => row.map((value, index) => cell(value, index === columns.length - 1)));
  const headers = columns.map(columnHeader);
  const widths = headers.map((header, index) => Math.max(header.length, ...text.map((row) => (row[index] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((value, index) => value.padEnd(widths[index]!)).join('  ').trimEnd();
  return [line(headers), ...text.map(line)].join('\n') + '\n';
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
  if (result.raw === true && typeof result.output === 'string') return result.output;
  if (format === 'json') return `${JSON.stringify(result.output, null, 2)}\n`;
  if (format === 'yaml') {
    const { stringify } = await import('yaml');
    return stringify(result.output);
  }
  const table = result.table ?? tableOf(result.output);
  return renderTable(table.columns, table.rows);
}
