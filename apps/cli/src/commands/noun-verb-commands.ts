import type { Machine, MachineRequest, Template } from '@ohf/domain-core';
import { closestMatch, credentialSourceOf, missingCredentialsOf } from '@ohf/runtime';
import type { CliContext } from '../cli/cli-context.js';
import type { CommandDefinition, OptionValues } from '../cli/command-definition.js';
import { readableTemplateCatalog } from '../host-factory/template-files.js';
import { EXIT_CODES } from '../cli/exit-codes.js';
import { UsageError } from '../cli/parse-arguments.js';
import { defined, dispatch } from './dispatch.js';
import { waitForRequests, WAIT_OPTIONS } from './wait-for-requests.js';

const text = (options: OptionValues, name: string): string | undefined =>
  typeof options[name] === 'string' ? (options[name] as string) : undefined;

const list = (options: OptionValues, name: string): string[] | undefined =>
  text(options, name)
    ?.split(',')
    .map((item) => item.trim())
    .filter(Boolean);

function page(options: OptionValues): { limit?: number; offset?: number } {
  const parse = (name: string): number | undefined => {
    const value = text(options, name);
    if (value === undefined) return undefined;
    const number = Number(value);
    if (!Number.isInteger(number) || number < 0) throw new UsageError(`--${name} must be a whole number ≥ 0.`);
    return number;
  };
  return defined({ limit: parse('limit'), offset: parse('offset') }) as { limit?: number; offset?: number };
}

const PAGE_OPTIONS = [
  { name: 'limit', type: 'string', valueName: 'N', description: 'At most N rows (default 100).' },
  { name: 'offset', type: 'string', valueName: 'N', description: 'Skip the first N rows.' },
] as const;

const requestRow = (request: MachineRequest) => [
  request.requestId,
  request.kind,
  request.status,
  request.templateId ?? '',
  request.requestedCount,
  request.providerInstance ?? '',
  request.createdAt,
  request.message,
];
const machineRow = (machine: Machine) => [
  machine.machineId,
  machine.providerInstanceId,
  machine.state,
  machine.providerInstance,
  machine.instanceType ?? '',
  machine.privateIpAddress ?? '',
  machine.planId ?? '',
  machine.priceHourly ?? '',
  machine.requestId,
];

export const providerCommands: readonly CommandDefinition[] = [
  {
    path: ['providers', 'list'],
    group: 'Providers',
    summary: 'The configured provider instances with their state.',
    run: async (_invocation, context) => {
      const output = await dispatch(context, { type: 'ListAvailableProviders' });
      return { exitCode: EXIT_CODES.success, output };
    },
  },
  {
    path: ['providers', 'show'],
    group: 'Providers',
    summary: 'Capabilities, health and limits of one provider instance.',
    positionals: [{ name: 'name', required: true, description: 'Provider instance name, e.g. aws-us-east-1.' }],
    examples: ['ohfp providers show aws-us-east-1'],
    run: async (invocation, context) => ({
      exitCode: EXIT_CODES.success,
      output: await dispatch(context, { type: 'GetProviderCapabilities', providerName: invocation.positionals[0], includeLimitations: true }),
    }),
  },
  {
    path: ['providers', 'validate'],
    group: 'Providers',
    summary: 'Check the configuration: every instance’s settings are valid and its client can be created.',
    description: 'Exit code 0 when every instance is valid, 1 otherwise: its settings, its client, and a credential source to sign with (a token, a key, a profile; see ohfp doctor). Sends nothing to the clouds.',
    run: async (_invocation, context) => {
      const runtime = await context.runtime();
      const problems: { provider: string; code: string; message: string }[] = [];
      const results = [];
      for (const instance of runtime.loaded.configuration.providers.providers) {
        try {
          // The capabilities report carries a client that could not be created as `error`, not as a throw.
          const { providers } = await runtime.application.dispatch({ type: 'GetProviderCapabilities', providerName: instance.name });
          const reported = providers.find((provider) => provider.error !== undefined)?.error;
          if (reported) throw reported;
          // A client is created without credentials (the SDKs look for them at the first call):
          // without any source, every call would fail, so it is not valid.
          const missingCredentials = instance.enabled ? missingCredentialsOf(instance.type, instance.config, context.environment) : undefined;
          if (missingCredentials !== undefined) throw { code: 'MISSING_CREDENTIALS', message: missingCredentials };
          const credentials = credentialSourceOf(instance.type, instance.config, context.environment);
          results.push({
            provider: instance.name,
            type: instance.type,
            enabled: instance.enabled,
            valid: true,
            ...(instance.enabled && credentials.state === 'unverifiable' ? { warning: `credentials: ${credentials.source}${credentials.fix ? `; ${credentials.fix}` : ''}` } : {}),
          });
        } catch (error) {
          const failure = error as { code?: string; message?: string };
          problems.push({ provider: instance.name, code: failure.code ?? 'INTERNAL', message: failure.message ?? String(error) });
          results.push({ provider: instance.name, type: instance.type, enabled: instance.enabled, valid: false, error: failure.message });
        }
      }
      return {
        exitCode: problems.length === 0 ? EXIT_CODES.success : EXIT_CODES.operationFailed,
        output: { valid: problems.length === 0, configFile: runtime.loaded.file ?? null, providers: results },
      };
    },
  },
  {
    path: ['providers', 'health'],
    group: 'Providers',
    summary: 'Run health checks against every provider instance, or one.',
    positionals: [{ name: 'name', required: false, description: 'Only this provider instance.' }],
    run: async (invocation, context) => ({
      exitCode: EXIT_CODES.success,
      output: await dispatch(context, { type: 'GetProviderHealth', ...defined({ providerName: invocation.positionals[0] }), includeDetails: true }),
    }),
  },
];

/**
 * The templates a provider type or instance would serve, by the same resolution rules as a
 * request (SPEC §5): a template with no provider of its own (IBM's awsprov_templates.json, say)
 * belongs to the default instance and type, so filtering on the fields alone would miss it.
 */
async function templatesServedBy(
  context: CliContext,
  filter: { readonly providerType: string | undefined; readonly providerName: string | undefined; readonly providerApi: string | undefined },
): Promise<readonly Template[]> {
  const { providerTypes, loaded } = await context.runtime();
  if (filter.providerType !== undefined && !providerTypes.includes(filter.providerType)) {
    const suggestion = closestMatch(filter.providerType, providerTypes);
    throw new UsageError(
      `Unknown provider type "${filter.providerType}"${suggestion ? ` (did you mean ${suggestion}?)` : ''}; the known types are ${providerTypes.join(', ')}.`,
    );
  }
  if (filter.providerType === undefined && filter.providerName === undefined) {
    return (await dispatch(context, { type: 'ListTemplates', ...defined({ providerApi: filter.providerApi }) })).templates;
  }
  const instances = loaded.configuration.providers.providers
    .filter((instance) => filter.providerName === undefined || instance.name === filter.providerName)
    .filter((instance) => filter.providerType === undefined || instance.type === filter.providerType)
    .map((instance) => instance.name);
  // A named instance that is not configured is "not found" (exit code 4), with the names that are.
  if (filter.providerName !== undefined && instances.length === 0 && filter.providerType === undefined) instances.push(filter.providerName);
  const served = new Map<string, Template>();
  for (const providerName of instances) {
    const { templates } = await dispatch(context, { type: 'ListProviderTemplates', providerName });
    for (const template of templates) served.set(template.templateId, template);
  }
  if (filter.providerType !== undefined && filter.providerName === undefined) {
    // Templates pinned to a type that no instance is configured for yet.
    const pinned = await dispatch(context, { type: 'ListTemplates', providerType: filter.providerType });
    for (const template of pinned.templates) if (!served.has(template.templateId)) served.set(template.templateId, template);
  }
  return [...served.values()].filter((template) => filter.providerApi === undefined || template.providerApi === filter.providerApi);
}

export const templateCommands: readonly CommandDefinition[] = [
  {
    path: ['templates', 'list'],
    group: 'Templates',
    summary: 'Templates, optionally filtered by provider type or instance.',
    options: [
      { name: 'provider-type', type: 'string', valueName: 'TYPE', description: 'Only templates of this provider type (aws, linode, …).' },
      { name: 'provider-name', type: 'string', valueName: 'NAME', description: 'Only templates pinned to this provider instance.' },
      { name: 'provider-api', type: 'string', valueName: 'API', description: 'Only templates using this API (EC2Fleet, …).' },
    ],
    examples: ['ohfp templates list --provider-type aws --format table'],
    fieldOptions: { providerType: 'provider-type', providerName: 'provider-name', providerApi: 'provider-api' },
    run: async (invocation, context) => {
      await readableTemplateCatalog(context);
      const templates = await templatesServedBy(context, {
        providerType: text(invocation.options, 'provider-type'),
        providerName: text(invocation.options, 'provider-name'),
        providerApi: text(invocation.options, 'provider-api'),
      });
      return {
        exitCode: EXIT_CODES.success,
        output: { templates },
        table: {
          columns: ['templateId', 'maxNumber', 'providerType', 'providerName', 'providerApi', 'vmType', 'priceType'],
          rows: templates.map((template) => [
            template.templateId,
            template.maxNumber,
            template.providerType,
            template.providerName,
            template.providerApi,
            template.vmType ?? Object.keys(template.vmTypes ?? {}).join(','),
            template.priceType,
          ]),
        },
      };
    },
  },
  {
    path: ['templates', 'show'],
    group: 'Templates',
    summary: 'One template as resolved from the template files.',
    positionals: [{ name: 'templateId', required: true, description: 'The template id.' }],
    options: [{ name: 'source-info', type: 'boolean', description: 'Show which file (and priority) set each field.' }],
    examples: ['ohfp templates show web-server --source-info'],
    run: async (invocation, context) => ({
      exitCode: EXIT_CODES.success,
      output: await dispatch(context, {
        type: 'GetTemplate',
        templateId: invocation.positionals[0]!,
        includeSourceInfo: invocation.options['source-info'] === true,
      }),
    }),
  },
  {
    path: ['templates', 'validate'],
    group: 'Templates',
    summary: 'Validate one template, or all, optionally against a provider instance.',
    description: 'Exit code 0 when valid at the chosen level, 1 when not.',
    positionals: [{ name: 'templateId', required: false, description: 'The template to validate (or --all).' }],
    options: [
      { name: 'all', type: 'boolean', description: 'Validate every template.' },
      { name: 'provider', type: 'string', valueName: 'NAME', description: 'Check against this provider instance’s capabilities.' },
      { name: 'level', type: 'string', valueName: 'STRICT|LENIENT|BASIC', description: 'Validation level (default from configuration).' },
    ],
    examples: ['ohfp templates validate web-server --provider aws-us-east-1 --level STRICT', 'ohfp templates validate --all'],
    fieldOptions: { templateId: '<templateId>', level: 'level', providerInstance: 'provider' },
    run: async (invocation, context) => {
      const templateId = invocation.positionals[0];
      const all = invocation.options.all === true;
      if ((templateId === undefined) === !all) throw new UsageError('Name one template to validate, or give --all.');
      const level = text(invocation.options, 'level')?.toUpperCase();
      const common = defined({ level, providerInstance: text(invocation.options, 'provider') });
      // --all takes every template the files define: ListTemplates leaves the invalid ones out.
      const ids = all ? (await (await context.runtime()).templateLoader.load()).templates.map((template) => template.templateId) : [templateId!];
      const results = [];
      for (const id of ids) results.push(await dispatch(context, { type: 'ValidateTemplate', templateId: id, ...common }));
      const valid = results.every((result) => result.valid);
      return {
        exitCode: valid ? EXIT_CODES.success : EXIT_CODES.operationFailed,
        output: all ? { valid, results } : results[0],
      };
    },
  },
  {
    path: ['templates', 'migrate'],
    group: 'Templates',
    summary: 'Move templates from one file into a provider instance’s file, without changing what resolves.',
    mutating: true,
    options: [
      { name: 'from', type: 'string', valueName: 'FILE', description: 'Source file in the config directory (e.g. templates.json).' },
      { name: 'to-provider', type: 'string', valueName: 'NAME', description: 'Provider instance whose {name}_templates.json receives them.' },
      { name: 'template', type: 'string', valueName: 'IDS', description: 'Only these template ids (comma-separated).' },
    ],
    examples: ['ohfp templates migrate --from templates.json --to-provider aws-us-east-1 --dry-run'],
    run: async (invocation, context) => {
      const from = text(invocation.options, 'from');
      const toProvider = text(invocation.options, 'to-provider');
      if (!from || !toProvider) throw new UsageError('templates migrate needs --from FILE and --to-provider NAME.');
      const runtime = await context.runtime();
      const plan = await runtime.templateLoader.migrateTemplates({
        from,
        toProvider,
        dryRun: invocation.options['dry-run'] === true,
        ...defined({ templateIds: list(invocation.options, 'template') }),
      });
      return { exitCode: EXIT_CODES.success, output: plan };
    },
  },
  {
    path: ['templates', 'refresh'],
    group: 'Templates',
    summary: 'Drop the template cache and re-read the files, reporting broken ones.',
    run: async (_invocation, context) => ({ exitCode: EXIT_CODES.success, output: await dispatch(context, { type: 'RefreshTemplates' }) }),
  },
];

export const requestCommands: readonly CommandDefinition[] = [
  {
    path: ['requests', 'list'],
    group: 'Requests',
    summary: 'Acquire and return requests, oldest first (use --offset/--limit to page).',
    options: [
      { name: 'status', type: 'string', valueName: 'LIST', description: 'Only these statuses (pending,in_progress,complete,partial,failed,cancelled).' },
      { name: 'kind', type: 'string', valueName: 'acquire|return', description: 'Only acquire or only return requests.' },
      { name: 'template', type: 'string', valueName: 'ID', description: 'Only requests of this template.' },
      { name: 'provider', type: 'string', valueName: 'NAME', description: 'Only requests served by this provider instance.' },
      ...PAGE_OPTIONS,
    ],
    examples: ['ohfp requests list --status in_progress --format table'],
    fieldOptions: { statuses: 'status', kind: 'kind', templateId: 'template', providerInstance: 'provider', limit: 'limit', offset: 'offset' },
    run: async (invocation, context) => {
      const result = await dispatch(context, {
        type: 'ListRequests',
        ...defined({
          statuses: list(invocation.options, 'status'),
          kind: text(invocation.options, 'kind'),
          templateId: text(invocation.options, 'template'),
          providerInstance: text(invocation.options, 'provider'),
        }),
        ...page(invocation.options),
      });
      return {
        exitCode: EXIT_CODES.success,
        output: { requests: result.items, total: result.total },
        table: {
          columns: ['requestId', 'kind', 'status', 'templateId', 'count', 'provider', 'createdAt', 'message'],
          rows: result.items.map(requestRow),
        },
      };
    },
  },
  {
    path: ['requests', 'show'],
    group: 'Requests',
    summary: 'One request with its machines, attempts and selection explanation.',
    positionals: [{ name: 'requestId', required: true, description: 'req-… or ret-…' }],
    fieldOptions: { requestId: '<requestId>' },
    run: async (invocation, context) => ({
      exitCode: EXIT_CODES.success,
      output: await dispatch(context, { type: 'GetRequest', requestId: invocation.positionals[0]! }),
    }),
  },
  {
    path: ['requests', 'watch'],
    group: 'Requests',
    summary: 'Follow a request until it finishes, with live progress on stderr.',
    description: 'Each poll also moves provisioning forward. Exit code 0 when it completes, 1 when it ends partial, failed or cancelled.',
    positionals: [{ name: 'requestId', required: true, description: 'req-… or ret-…' }],
    options: WAIT_OPTIONS.filter((option) => option.name !== 'wait'),
    run: async (invocation, context) => {
      const [tracked] = await waitForRequests(context, [invocation.positionals[0]!], invocation.options);
      if (!tracked?.found) return { exitCode: EXIT_CODES.notFound, output: { error: { code: 'REQUEST_NOT_FOUND', message: `Request ${invocation.positionals[0]} does not exist.`, details: {} } } };
      return {
        exitCode: tracked.request?.status === 'complete' ? EXIT_CODES.success : EXIT_CODES.operationFailed,
        output: { request: tracked.request, machines: tracked.machines },
      };
    },
  },
  {
    path: ['requests', 'cancel'],
    group: 'Requests',
    summary: 'Stop provisioning of an unfinished request.',
    positionals: [{ name: 'requestId', required: true, description: 'req-…' }],
    mutating: true,
    description:
      'With --terminate-machines, everything the request launched is released at each provider instance it used, recorded or not: fleets and groups deleted or scaled to zero, its machines terminated through a return request. Exit code 5 when a provider instance could not be asked (the output lists it).',
    options: [{ name: 'terminate-machines', type: 'boolean', description: 'Also release everything the request launched and terminate its machines.' }],
    fieldOptions: { requestId: '<requestId>' },
    run: async (invocation, context) => {
      // A request that does not exist is "not found" (exit code 4), as for requests show, even
      // when its id is not one this installation would ever have made.
      await dispatch(context, { type: 'GetRequest', requestId: invocation.positionals[0]! });
      const output = await dispatch(context, {
        type: 'CancelRequest',
        requestId: invocation.positionals[0]!,
        terminateMachines: invocation.options['terminate-machines'] === true,
        dryRun: invocation.options['dry-run'] === true,
      });
      return { exitCode: output.problems.length > 0 ? EXIT_CODES.provider : EXIT_CODES.success, output };
    },
  },
];

export const machineCommands: readonly CommandDefinition[] = [
  {
    path: ['machines', 'list'],
    group: 'Machines',
    summary: 'Machines we provisioned, as last seen.',
    options: [
      { name: 'request', type: 'string', valueName: 'ID', description: 'Only machines of this request.' },
      { name: 'provider', type: 'string', valueName: 'NAME', description: 'Only machines of this provider instance.' },
      { name: 'state', type: 'string', valueName: 'LIST', description: 'Only these states (pending,running,…,terminated).' },
      ...PAGE_OPTIONS,
    ],
    fieldOptions: { requestId: 'request', providerInstance: 'provider', states: 'state', limit: 'limit', offset: 'offset' },
    run: async (invocation, context) => {
      const result = await dispatch(context, {
        type: 'ListMachines',
        ...defined({
          requestId: text(invocation.options, 'request'),
          providerInstance: text(invocation.options, 'provider'),
          states: list(invocation.options, 'state'),
        }),
        ...page(invocation.options),
      });
      return {
        exitCode: EXIT_CODES.success,
        output: { machines: result.items, total: result.total },
        table: { columns: ['machineId', 'cloudId', 'state', 'provider', 'instanceType', 'privateIp', 'plan', 'pricePerHour', 'requestId'], rows: result.items.map(machineRow) },
      };
    },
  },
  {
    path: ['machines', 'show'],
    group: 'Machines',
    summary: 'One machine, by our id (m-…) or its cloud id.',
    positionals: [{ name: 'machineId', required: true, description: 'm-… or the cloud id (i-…, a Linode or droplet id).' }],
    options: [{ name: 'provider', type: 'string', valueName: 'NAME', description: 'The provider instance, when two clouds reuse an id.' }],
    run: async (invocation, context) => ({
      exitCode: EXIT_CODES.success,
      output: await dispatch(context, {
        type: 'GetMachine',
        machineId: invocation.positionals[0]!,
        ...defined({ providerInstance: text(invocation.options, 'provider') }),
      }),
    }),
  },
  {
    path: ['machines', 'reconcile'],
    group: 'Machines',
    summary: 'Compare the instances we launched with storage: adopt, report and terminate what is untracked.',
    description:
      'Lists the instances carrying our tags on every enabled provider instance. Untracked machines of a live request are adopted (up to its count; the surplus is terminated); those of finished or unknown requests are reported, and terminated with --terminate-orphans or reconcile.terminate_orphans: true. --dry-run tells what it would do. Exit code 5 when a provider instance could not be asked.',
    mutating: true,
    options: [{ name: 'terminate-orphans', type: 'boolean', description: 'Terminate instances of finished or unknown requests (default: reconcile.terminate_orphans).' }],
    examples: ['ohfp machines reconcile --dry-run --format table', 'ohfp machines reconcile --terminate-orphans'],
    run: async (invocation, context) => {
      const dryRun = invocation.options['dry-run'] === true;
      const result = await dispatch(context, {
        type: 'ReconcileMachines',
        dryRun,
        ...(invocation.options['terminate-orphans'] === true ? { terminateOrphans: true } : {}),
      });
      const report = result.report!;
      const providerRows = report.providers.map((provider) => [
        provider.providerInstance,
        '',
        '',
        '',
        provider.error === undefined ? 'summary' : 'error',
        provider.error === undefined
          ? `found ${provider.found}, tracked ${provider.tracked}, adopted ${provider.adopted}, orphaned ${provider.orphaned}, terminated ${provider.terminated}`
          : `${provider.error.code}: ${provider.error.message}`,
      ]);
      const instanceRows = report.instances.map((instance) => [
        instance.providerInstance,
        instance.providerInstanceId,
        instance.requestId,
        instance.state,
        dryRun ? `would be ${instance.action.replace('_', ' ')}` : instance.action.replace('_', ' '),
        instance.reason,
      ]);
      return {
        exitCode: report.providers.some((provider) => provider.error !== undefined) ? EXIT_CODES.provider : EXIT_CODES.success,
        output: report,
        table: { columns: ['provider', 'cloudId', 'requestId', 'state', 'action', 'detail'], rows: [...providerRows, ...instanceRows] },
      };
    },
  },
];
