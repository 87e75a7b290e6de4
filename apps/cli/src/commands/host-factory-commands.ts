import {
  firstStepMessage,
  toHostFactoryReturnRequests,
  toHostFactoryStatusResponse,
} from '@ohf/application-cqrs';
import type { ReturnLookup } from '@ohf/domain-core';
import { toHostFactoryTemplate } from '@ohf/template-loader';
import type { CommandDefinition } from '../cli/command-definition.js';
import { EXIT_CODES } from '../cli/exit-codes.js';
import { readInput } from '../cli/read-input.js';
import {
  GetAvailableTemplatesInputSchema,
  GetRequestStatusInputSchema,
  GetReturnRequestsInputSchema,
  RequestMachinesInputSchema,
  RequestReturnMachinesInputSchema,
  toMachineReference,
} from '../host-factory/contract-input.js';
import { storageLocationOf } from '../composition/compose-runtime.js';
import { cacheDirectoryOf, rememberTemplateScope } from '../fast-path/template-fast-path.js';
import { readFreshUsage, storageIsEmpty, withAvailableNumbers } from '../fast-path/template-usage.js';
import { logUnusableTemplates, readableTemplateCatalog } from '../host-factory/template-files.js';
import { dispatch } from './dispatch.js';
import { outcomeOfWait, waitForRequests, WAIT_OPTIONS } from './wait-for-requests.js';

const PROVIDER_DISPLAY_NAMES: Readonly<Record<string, string>> = { aws: 'AWS', linode: 'Linode', digitalocean: 'DigitalOcean' };

const inputExample = (operation: string, json: string) => [
  `ohfp ${operation} -f /tmp/hf_in_0001`,
  `ohfp ${operation} --data '${json}'`,
];

export const hostFactoryCommands: readonly CommandDefinition[] = [
  {
    path: ['getAvailableTemplates'],
    group: 'Host Factory',
    summary: 'List the templates Symphony may request machines from.',
    description: 'Input: {}. Output: {"message", "templates": [...]} in the Host Factory format.',
    takesInput: true,
    examples: inputExample('getAvailableTemplates', '{}'),
    run: async (invocation, context) => {
      await readInput(invocation.options, GetAvailableTemplatesInputSchema, {}, context.currentDirectory);
      await logUnusableTemplates(context, await readableTemplateCatalog(context));
      const { templates } = await dispatch(context, { type: 'ListTemplates', enabled: true });
      const { loaded } = await context.runtime();
      const storage = storageLocationOf(loaded);
      // Counts left by the last process that opened storage, while the database is unchanged; else storage's own.
      const usage =
        (storageIsEmpty(storage) ? {} : readFreshUsage(cacheDirectoryOf(loaded.paths, context.environment), storage)) ??
        (await dispatch(context, { type: 'GetTemplateUsage' })).usage;
      rememberTemplateScope(loaded.paths, context.environment, {
        providerInstances: loaded.configuration.providers.providers.map(({ name, type }) => ({ name, type })),
        ...(context.environment.HF_PROVIDER_NAME ? { hostFactoryProviderName: context.environment.HF_PROVIDER_NAME } : {}),
        validationLevel: loaded.configuration.templates.validation_level,
        storage,
      });
      return {
        exitCode: EXIT_CODES.success,
        output: {
          message: 'Get available templates success.',
          templates: withAvailableNumbers(
            templates.map((template) => toHostFactoryTemplate(template)),
            usage,
          ),
        },
      };
    },
  },
  {
    path: ['requestMachines'],
    group: 'Host Factory',
    summary: 'Request machines from a template; answers at once with the request id.',
    description:
      'Input: {"template": {"templateId", "machineCount"}} (template may also be a one-item list; machineCount a JSON number, never a string). Output: {"requestId", "message"}; on failure {"message"} and exit code 1 (2 invalid input, 4 unknown template, 5 provider refused).',
    takesInput: true,
    mutating: true,
    options: WAIT_OPTIONS,
    examples: [...inputExample('requestMachines', '{"template":{"templateId":"fleet-ondemand","machineCount":3}}'), 'ohfp requestMachines --dry-run -f request.json'],
    run: async (invocation, context) => {
      const input = await readInput(invocation.options, RequestMachinesInputSchema, undefined, context.currentDirectory);
      await readableTemplateCatalog(context);
      const dryRun = invocation.options['dry-run'] === true;
      const result = await dispatch(
        context,
        { type: 'RequestMachines', templateId: input.templateId, count: input.machineCount, dryRun },
      );
      if (dryRun) {
        return {
          exitCode: EXIT_CODES.success,
          output: {
            message: `Dry run: ${input.machineCount} machine(s) of ${input.templateId} would be requested from ${result.providerInstance}.`,
            dryRun: true,
            providerType: result.providerType,
            providerInstance: result.providerInstance,
            selection: result.selection,
            plannedCalls: result.plannedCalls ?? [],
          },
        };
      }
      const requestId = result.requestId!;
      if (invocation.options.wait === true) {
        const [tracked] = await waitForRequests(context, [requestId], invocation.options);
        const outcome = outcomeOfWait(tracked, requestId);
        if (!outcome.succeeded) return { exitCode: EXIT_CODES.operationFailed, output: { requestId, message: outcome.message } };
      }
      return {
        exitCode: EXIT_CODES.success,
        output: {
          requestId,
          // The first provisioning step ran before this answer: say so when it did not go well.
          message:
            (result.request === undefined ? undefined : firstStepMessage(result.request)) ??
            `Request VM success from ${PROVIDER_DISPLAY_NAMES[result.providerType] ?? result.providerType}.`,
        },
      };
    },
  },
  {
    path: ['requestReturnMachines'],
    group: 'Host Factory',
    summary: 'Return machines: terminates them at their provider.',
    description:
      'Input: {"machines": [{"name", "machineId"}]}; a machine may be named by its host name alone, and one machine object may stand in for the list. Output: {"requestId", "message"}, always with a request id. Machines with no record here are looked up at every enabled provider instance by id and name: ours are terminated, others left running and reported as failed. The return request ends (getRequestStatus) when every machine is terminated or accounted for.',
    takesInput: true,
    mutating: true,
    options: WAIT_OPTIONS,
    examples: inputExample('requestReturnMachines', '{"machines":[{"name":"ip-10-0-1-17.ec2.internal","machineId":"i-0123456789abcdef0"}]}'),
    run: async (invocation, context) => {
      const input = await readInput(invocation.options, RequestReturnMachinesInputSchema, undefined, context.currentDirectory);
      const dryRun = invocation.options['dry-run'] === true;
      const result = await dispatch(context, {
        type: 'ReturnMachines',
        machines: input.machines.map(toMachineReference),
        dryRun,
      });
      if (dryRun) {
        return { exitCode: EXIT_CODES.success, output: { message: 'Dry run: nothing was terminated.', dryRun: true, plan: result.plan ?? [], lookups: result.lookups } };
      }
      // Always a request id: machines we had no record of were looked up at the providers, and
      // getRequestStatus reports each of them until the return request ends.
      const requestId = result.requestId!;
      if (invocation.options.wait === true) {
        const [tracked] = await waitForRequests(context, [requestId], invocation.options);
        const outcome = outcomeOfWait(tracked, requestId);
        if (!outcome.succeeded) return { exitCode: EXIT_CODES.operationFailed, output: { requestId, message: outcome.message } };
      }
      return { exitCode: EXIT_CODES.success, output: { requestId, message: returnMessage(result.lookups) } };
    },
  },
  {
    path: ['getRequestStatus'],
    group: 'Host Factory',
    summary: 'Status of acquire and return requests, with their machines.',
    description:
      'Input: {"requests": [{"requestId"}]} (or {"requests": {"requestId"}}, or one {"requestId"}). Unfinished requests take their next provisioning step and machine states are refreshed from the providers in batches. Unknown ids are reported inside the answer.',
    takesInput: true,
    examples: inputExample('getRequestStatus', '{"requests":[{"requestId":"req-00000000-0000-4000-8000-000000000001"}]}'),
    run: async (invocation, context) => {
      const requestIds = await readInput(invocation.options, GetRequestStatusInputSchema, undefined, context.currentDirectory);
      const result = await dispatch(context, { type: 'GetRequestStatus', requestIds });
      return { exitCode: EXIT_CODES.success, output: toHostFactoryStatusResponse(result) };
    },
  },
  {
    path: ['getReturnRequests'],
    group: 'Host Factory',
    summary: 'Machines the provider wants back: terminated or reclaimed outside the scheduler.',
    description:
      'Input: {"machines": [{"name", "machineId"}]} (name alone, or one object, accepted too), every host the scheduler believes this provider owns. Output lists those terminated, stopped or failed outside a return request (spot interruption, manual deletion).',
    takesInput: true,
    examples: inputExample('getReturnRequests', '{"machines":[{"name":"host-a","machineId":"i-0123456789abcdef0"}]}'),
    run: async (invocation, context) => {
      const input = await readInput(invocation.options, GetReturnRequestsInputSchema, {}, context.currentDirectory);
      const result = await dispatch(context, {
        type: 'GetReturnRequests',
        machines: input.machines.map(toMachineReference),
      });
      return { exitCode: EXIT_CODES.success, output: toHostFactoryReturnRequests(result) };
    },
  },
];

/** The requestReturnMachines message: success, with what became of the machines we had no record of. */
function returnMessage(lookups: readonly ReturnLookup[]): string {
  if (lookups.length === 0) return 'Delete VM success.';
  const count = (outcome: ReturnLookup['outcome']) => lookups.filter((lookup) => lookup.outcome === outcome).length;
  const parts = [
    count('gone') > 0 ? `${count('gone')} already gone` : '',
    count('not_ours') + count('failed') > 0 ? `${count('not_ours') + count('failed')} not returned (see getRequestStatus)` : '',
    count('looking_up') > 0 ? `${count('looking_up')} still being looked up` : '',
  ].filter((part) => part !== '');
  return `Delete VM success; of the machines we had no record of: ${parts.join(', ')}.`;
}
