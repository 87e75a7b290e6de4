import { COST_GROUPINGS, type CostGrouping } from '@ohf/domain-core';
import type { CommandDefinition, OptionValues } from '../cli/command-definition.js';
import { EXIT_CODES } from '../cli/exit-codes.js';
import { UsageError } from '../cli/parse-arguments.js';
import { dispatch } from './dispatch.js';

const RELATIVE_SINCE = /^(\d+)([hd])$/;
const UNIT_MS = { h: 3_600_000, d: 86_400_000 } as const;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/;

/** `--since`: an ISO date or time, or a span back from now (`12h`, `1d`, `7d`), as an ISO time. */
export function sinceOf(value: string, now: Date): string {
  const relative = RELATIVE_SINCE.exec(value.trim());
  if (relative !== null) return new Date(now.getTime() - Number(relative[1]) * UNIT_MS[relative[2] as keyof typeof UNIT_MS]).toISOString();
  const parsed = Date.parse(value);
  if (!ISO_DATE.test(value.trim()) || Number.isNaN(parsed)) {
    throw new UsageError(`--since must be an ISO 8601 date or time (2026-12-01, 2026-12-01T08:00:00Z) or a span such as 12h, 1d or 7d (got "${value}").`);
  }
  return new Date(parsed).toISOString();
}

function groupingOf(options: OptionValues): CostGrouping {
  const value = options['group-by'];
  if (value === undefined) return 'provider';
  if (typeof value === 'string' && (COST_GROUPINGS as readonly string[]).includes(value)) return value as CostGrouping;
  throw new UsageError(`--group-by must be ${COST_GROUPINGS.join(' or ')} (got "${String(value)}").`);
}

/** `ohfp costs`: what the machines cost, from the plan and price each recorded at launch. */
export const costsCommand: CommandDefinition = {
  path: ['costs'],
  group: 'Machines',
  summary: 'Machine-hours × hourly price per provider instance or template, and the running cost per hour.',
  description:
    'Each machine counts from its launch (or its recording) to its termination, or to now while it runs, at the hourly price (markup included) recorded when it was launched. Machines launched before prices were recorded are counted apart as unpriced.',
  options: [
    { name: 'since', type: 'string', valueName: 'ISO|12h|1d|7d', description: 'Only the cost from this time on (default: since each machine was launched).' },
    { name: 'group-by', type: 'string', valueName: 'provider|template', description: 'Sum per provider instance (default) or per template.' },
  ],
  examples: ['ohfp costs --since 7d --format table', 'ohfp costs --group-by template --since 2026-12-01'],
  fieldOptions: { since: 'since', groupBy: 'group-by' },
  run: async (invocation, context) => {
    const since = invocation.options['since'];
    const summary = await dispatch(context, {
      type: 'GetCosts',
      groupBy: groupingOf(invocation.options),
      ...(typeof since === 'string' ? { since: sinceOf(since, new Date()) } : {}),
    });
    const currency = summary.currencies.join('/');
    return {
      exitCode: EXIT_CODES.success,
      output: summary,
      table: {
        columns: [summary.groupBy, 'machines', 'machineHours', 'cost', 'runningPerHour', 'currency'],
        rows: [
          ...summary.groups.map((group) => [group.key, group.machines, group.machineHours, group.cost, group.runningPriceHourly, currency]),
          ['total', summary.total.machines, summary.total.machineHours, summary.total.cost, summary.total.runningPriceHourly, currency],
        ],
      },
    };
  },
};
