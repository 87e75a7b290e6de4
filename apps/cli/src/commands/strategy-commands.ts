import type { CommandDefinition } from '../cli/command-definition.js';
import { EXIT_CODES } from '../cli/exit-codes.js';
import { readInput } from '../cli/read-input.js';
import { z } from 'zod';
import { dispatch } from './dispatch.js';

const AnyObjectSchema = z.record(z.string(), z.unknown());

interface StrategyOperation {
  readonly name: string;
  readonly type: string;
  readonly summary: string;
  readonly example: string;
  /** Changes state. `dryRunInMessage`: the operation plans itself when asked (dryRun in the message). */
  readonly mutating?: { readonly dryRunInMessage: boolean };
  /** Input JSON names of message fields whose name differs from their snake_case form. */
  readonly aliases?: Readonly<Record<string, string>>;
}

/** The provider strategy operations of the strategy guide, in the Host Factory style. */
const OPERATIONS: readonly StrategyOperation[] = [
  { name: 'getProviderHealth', type: 'GetProviderHealth', summary: 'Health of every provider instance, or of one.', example: `'{"provider_name":"aws-us-east-1","include_details":true}'` },
  { name: 'listAvailableProviders', type: 'ListAvailableProviders', summary: 'Configured provider instances (optionally only healthy ones).', example: `'{"filter_healthy_only":true}'` },
  {
    name: 'executeProviderOperation',
    type: 'ExecuteProviderOperation',
    summary: 'Run CREATE_INSTANCES, TERMINATE_INSTANCES, GET_INSTANCE_STATUS, VALIDATE_TEMPLATE, GET_AVAILABLE_TEMPLATES or HEALTH_CHECK on a selected provider.',
    example: `'{"operation_type":"HEALTH_CHECK","parameters":{},"strategy_override":"aws-us-east-1"}'`,
    mutating: { dryRunInMessage: true },
  },
  { name: 'selectProviderStrategy', type: 'SelectProviderStrategy', summary: 'Which provider instance would be chosen, with the explanation.', example: `'{"operation_type":"CREATE_INSTANCES","selection_criteria":{"require_healthy":true}}'` },
  {
    name: 'registerProviderStrategy',
    type: 'RegisterProviderStrategy',
    summary: 'Add a provider instance at run time.',
    example: `'{"strategy_name":"aws-west","provider_type":"aws","strategy_config":{"region":"us-west-2"},"priority":1}'`,
    mutating: { dryRunInMessage: false },
    aliases: { name: 'strategy_name', config: 'strategy_config' },
  },
  {
    name: 'updateProviderHealth',
    type: 'UpdateProviderHealth',
    summary: 'Mark a provider instance healthy or unhealthy (e.g. from monitoring).',
    example: `'{"provider_name":"aws-us-east-1","health_status":{"is_healthy":false,"status_message":"Rate limit exceeded"}}'`,
    mutating: { dryRunInMessage: false },
  },
  {
    name: 'configureProviderStrategy',
    type: 'ConfigureProviderStrategy',
    summary: 'Change the selection policy, criteria, fallback chain and circuit breaker.',
    example: `'{"default_selection_policy":"CAPABILITY_BASED","fallback_strategies":["aws-us-west-2"]}'`,
    mutating: { dryRunInMessage: false },
  },
  { name: 'getProviderMetrics', type: 'GetProviderMetrics', summary: 'Success rate, latency percentiles, operations and errors over a time window.', example: `'{"provider_name":"aws-us-east-1","time_range_hours":24,"include_operation_breakdown":true}'` },
  { name: 'getProviderCapabilities', type: 'GetProviderCapabilities', summary: 'What a provider instance supports.', example: `'{"provider_name":"aws-us-east-1"}'` },
];

export const strategyCommands: readonly CommandDefinition[] = OPERATIONS.map(
  (operation): CommandDefinition => ({
    path: [operation.name],
    group: 'Provider strategy',
    summary: operation.summary,
    description: `Input JSON (snake_case or camelCase) through -f FILE or --data JSON; the answer is the ${operation.type} result.`,
    takesInput: true,
    ...(operation.mutating ? { mutating: true } : {}),
    ...(operation.aliases ? { inputFieldAliases: operation.aliases } : {}),
    examples: [`ohfp ${operation.name} --data ${operation.example}`],
    run: async (invocation, context) => {
      const input = await readInput(invocation.options, AnyObjectSchema);
      const message = { ...input, type: operation.type };
      if (invocation.options['dry-run'] === true && operation.mutating) {
        if (!operation.mutating.dryRunInMessage) {
          // This operation cannot plan itself: show what would be sent and change nothing.
          return { exitCode: EXIT_CODES.success, output: { dryRun: true, wouldDispatch: message } };
        }
        return { exitCode: EXIT_CODES.success, output: await dispatch(context, { ...message, dryRun: true }) };
      }
      return { exitCode: EXIT_CODES.success, output: await dispatch(context, message) };
    },
  }),
);
