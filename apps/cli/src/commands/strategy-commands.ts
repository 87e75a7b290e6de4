import type { CommandDefinition } from '../cli/command-definition.js';
import { EXIT_CODES } from '../cli/exit-codes.js';
import { readInput } from '../cli/read-input.js';
import { z } from 'zod';
import { dispatchInput } from './dispatch.js';

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
  /** The input JSON's fields, for --help (snake_case; camelCase is accepted too). */
  readonly fields: readonly (readonly [name: string, description: string])[];
}

const PROVIDER_NAME: readonly [string, string] = ['provider_name', 'A provider instance, e.g. aws-us-east-1 (default: every instance).'];
const OPERATION_TYPES = 'CREATE_INSTANCES, TERMINATE_INSTANCES, GET_INSTANCE_STATUS, VALIDATE_TEMPLATE, GET_AVAILABLE_TEMPLATES or HEALTH_CHECK';

/** The provider strategy operations of the strategy guide, in the Host Factory style. */
const OPERATIONS: readonly StrategyOperation[] = [
  { name: 'getProviderHealth', type: 'GetProviderHealth', summary: 'Health of every provider instance, or of one.', example: `'{"provider_name":"aws-us-east-1","include_details":true}'`,
    fields: [PROVIDER_NAME, ['include_details', 'true: each check’s details (default false).'], ['include_history', 'true: recent health reports (default false).'], ['check', 'false: report the last known health without asking the clouds (default true).']] },
  { name: 'listAvailableProviders', type: 'ListAvailableProviders', summary: 'Configured provider instances (optionally only healthy ones).', example: `'{"filter_healthy_only":true}'`,
    fields: [['filter_healthy_only', 'true: only instances selection may use now (default false).'], ['provider_type', 'Only instances of this type (aws, linode, digitalocean).']] },
  {
    name: 'executeProviderOperation',
    type: 'ExecuteProviderOperation',
    summary: 'Run CREATE_INSTANCES, TERMINATE_INSTANCES, GET_INSTANCE_STATUS, VALIDATE_TEMPLATE, GET_AVAILABLE_TEMPLATES or HEALTH_CHECK on a selected provider.',
    example: `'{"operation_type":"HEALTH_CHECK","parameters":{},"strategy_override":"aws-us-east-1"}'`,
    fields: [
      ['operation_type', `Required: ${OPERATION_TYPES}.`],
      ['parameters', 'The operation’s parameters (template_id, count, instance_ids, …).'],
      ['strategy_override', 'Run it on this provider instance instead of the selected one.'],
      ['selection_criteria', 'Criteria for the selection (require_healthy, min_success_rate, …).'],
    ],
    mutating: { dryRunInMessage: true },
  },
  { name: 'selectProviderStrategy', type: 'SelectProviderStrategy', summary: 'Which provider instance would be chosen, with the explanation.', example: `'{"operation_type":"CREATE_INSTANCES","selection_criteria":{"require_healthy":true}}'`,
    fields: [
      ['operation_type', OPERATION_TYPES],
      ['template_id', 'Select for this template (its API and instance types count).'],
      ['provider_api', 'Only instances declaring this API (EC2Fleet, RunInstances, …).'],
      ['selection_criteria', 'require_healthy, min_success_rate, max_response_time_ms, max_price_hourly, required_capabilities, exclude_strategies, prefer_strategies.'],
    ] },
  {
    name: 'registerProviderStrategy',
    type: 'RegisterProviderStrategy',
    summary: 'Add a provider instance at run time.',
    example: `'{"strategy_name":"aws-west","provider_type":"aws","strategy_config":{"region":"us-west-2"},"priority":1}'`,
    mutating: { dryRunInMessage: false },
    aliases: { name: 'strategy_name', config: 'strategy_config' },
    fields: [
      ['strategy_name', 'Required: the new instance’s name.'],
      ['provider_type', 'Required: aws, linode or digitalocean.'],
      ['strategy_config', 'The provider’s settings (the `config:` of config.yaml).'],
      ['capabilities', 'The APIs it supports, e.g. ["RunInstances"] or {"RunInstances": true}.'],
      ['priority', 'Lower is preferred (default 100).'],
      ['weight', 'For weighted policies (default 1).'],
      ['enabled', 'Default true.'],
      ['replace', 'true: replace an instance of the same name.'],
    ],
  },
  {
    name: 'updateProviderHealth',
    type: 'UpdateProviderHealth',
    summary: 'Mark a provider instance healthy or unhealthy (e.g. from monitoring).',
    example: `'{"provider_name":"aws-us-east-1","health_status":{"is_healthy":false,"status_message":"Rate limit exceeded"}}'`,
    fields: [
      ['provider_name', 'Required: the provider instance.'],
      ['health_status', 'Required: {"is_healthy": bool, "status_message": text, "retry_after_seconds": n}.'],
      ['source', 'Who reports it (e.g. monitoring).'],
    ],
    mutating: { dryRunInMessage: false },
  },
  {
    name: 'configureProviderStrategy',
    type: 'ConfigureProviderStrategy',
    summary: 'Change the selection policy, criteria, fallback chain and circuit breaker.',
    example: `'{"default_selection_policy":"CAPABILITY_BASED","fallback_strategies":["aws-us-west-2"]}'`,
    fields: [
      ['default_selection_policy', 'FIRST_AVAILABLE, PRIORITY, ROUND_ROBIN, WEIGHTED_ROUND_ROBIN, LEAST_CONNECTIONS, FASTEST_RESPONSE, HIGHEST_SUCCESS_RATE, CAPABILITY_BASED, HEALTH_BASED, LOWEST_COST or RANDOM.'],
      ['selection_criteria', 'Default criteria for every selection.'],
      ['fallback_strategies', 'The failover chain of instance names.'],
      ['circuit_breaker', '{"failure_threshold": n, "recovery_timeout": seconds}.'],
      ['health_check_interval', 'Seconds between automatic health checks (0: off).'],
    ],
    mutating: { dryRunInMessage: false },
  },
  { name: 'getProviderMetrics', type: 'GetProviderMetrics', summary: 'Success rate, latency percentiles, operations and errors over a time window.', example: `'{"provider_name":"aws-us-east-1","time_range_hours":24,"include_operation_breakdown":true}'`,
    fields: [PROVIDER_NAME, ['time_range_hours', 'The window, in hours (default 1, at most 744).'], ['include_operation_breakdown', 'true: per operation.'], ['include_error_details', 'true: the recent errors.']] },
  { name: 'getProviderCapabilities', type: 'GetProviderCapabilities', summary: 'What a provider instance supports.', example: `'{"provider_name":"aws-us-east-1"}'`,
    fields: [PROVIDER_NAME, ['include_performance_metrics', 'true: latency and success rate.'], ['include_limitations', 'true: what it cannot do.']] },
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
    inputFields: operation.fields.map(([name, description]) => ({ name, description })),
    examples: [`ohfp ${operation.name} --data ${operation.example}`],
    run: async (invocation, context) => {
      const input = await readInput(invocation.options, AnyObjectSchema, {}, context.currentDirectory);
      const message = { ...input, type: operation.type };
      if (invocation.options['dry-run'] === true && operation.mutating) {
        if (!operation.mutating.dryRunInMessage) {
          // This operation cannot plan itself: show what would be sent and change nothing.
          return { exitCode: EXIT_CODES.success, output: { dryRun: true, wouldDispatch: message } };
        }
        return { exitCode: EXIT_CODES.success, output: await dispatchInput(context, { ...message, dryRun: true }) };
      }
      return { exitCode: EXIT_CODES.success, output: await dispatchInput(context, message) };
    },
  }),
);
