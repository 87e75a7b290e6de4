import {
  firstStepMessage,
  toHostFactoryReturnRequests,
  toHostFactoryStatusResponse,
  type GetRequestStatusResult,
  type GetReturnRequestsResult,
} from '@ohf/application-cqrs';
import type { Machine, MachineRequest, Template } from '@ohf/domain-core';
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
} from '../host-factory/contract-input.js';
import { rememberTemplateScope } from '../fast-path/template-fast-path.js';
import { dispatch } from './dispatch.js';
import { waitForRequests, WAIT_OPTIONS } from './wait-for-requests.js';

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
      await readInput(invocation.options, GetAvailableTemplatesInputSchema);
      const { templates } = await dispatch<{ templates: readonly Template[] }>(context, { type: 'ListTemplates', enabled: true });
      const { loaded } = await context.runtime();
      rememberTemplateScope(loaded.paths, context.environment, {
        providerInstances: loaded.configuration.providers.providers.map(({ name, type }) => ({ name, type })),
        validationLevel: loaded.configuration.templates.validation_level,
      });
      return {
        exitCode: EXIT_CODES.success,
        output: { message: 'Get available templates success.', templates: templates.map((template) => toHostFactoryTemplate(template)) },
      };
    },
  },
  {
    path: ['requestMachines'],
    group: 'Host Factory',
    summary: 'Request machines from a template; answers at once with the request id.',
    description:
      'Input: {"template": {"templateId", "machineCount"}}. Output: {"requestId", "message"}; on failure {"message"} and exit code 1 (4 unknown template, 5 provider refused).',
    takesInput: true,
    mutating: true,
    options: WAIT_OPTIONS,
    examples: [...inputExample('requestMachines', '{"template":{"templateId":"fleet-ondemand","machineCount":3}}'), 'ohfp requestMachines --dry-run -f request.json'],
    run: async (invocation, context) => {
      const input = await readInput(invocation.options, RequestMachinesInputSchema, undefined);
      const dryRun = invocation.options['dry-run'] === true;
      const result = await dispatch<{ requestId?: string; request?: MachineRequest; providerType: string; providerInstance: string; selection: unknown; plannedCalls?: unknown; machines: readonly Machine[] }>(
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
      if (invocation.options.wait === true) await waitForRequests(context, [requestId], invocation.options);
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
      'Input: {"machines": [{"name", "machineId"}]}. Output: {"requestId", "message"}. The return request completes (getRequestStatus) when the machines are terminated.',
    takesInput: true,
    mutating: true,
    options: WAIT_OPTIONS,
    examples: inputExample('requestReturnMachines', '{"machines":[{"name":"ip-10-0-1-17.ec2.internal","machineId":"i-0123456789abcdef0"}]}'),
    run: async (invocation, context) => {
      const input = await readInput(invocation.options, RequestReturnMachinesInputSchema, undefined);
      const dryRun = invocation.options['dry-run'] === true;
      const result = await dispatch<{ requestId?: string; notFound: readonly { machineId?: string; name?: string }[]; plan?: unknown; machines: readonly Machine[] }>(
        context,
        { type: 'ReturnMachines', machines: input.machines.map((machine) => ({ machineId: machine.machineId, ...(machine.name ? { name: machine.name } : {}) })), dryRun },
      );
      if (dryRun) {
        return { exitCode: EXIT_CODES.success, output: { message: 'Dry run: nothing was terminated.', dryRun: true, plan: result.plan ?? [], notFound: result.notFound } };
      }
      if (result.requestId === undefined) {
        return { exitCode: EXIT_CODES.notFound, output: { message: `None of the machines is known: ${result.notFound.map((machine) => machine.machineId ?? machine.name).join(', ')}.` } };
      }
      if (invocation.options.wait === true) await waitForRequests(context, [result.requestId], invocation.options);
      const unknown = result.notFound.map((machine) => machine.machineId ?? machine.name);
      return {
        exitCode: EXIT_CODES.success,
        output: {
          requestId: result.requestId,
          message: unknown.length === 0 ? 'Delete VM success.' : `Delete VM success; unknown machines ignored: ${unknown.join(', ')}.`,
        },
      };
    },
  },
  {
    path: ['getRequestStatus'],
    group: 'Host Factory',
    summary: 'Status of acquire and return requests, with their machines.',
    description:
      'Input: {"requests": [{"requestId"}]} (or one {"requestId"}). Unfinished requests take their next provisioning step and machine states are refreshed from the providers in batches. Unknown ids are reported inside the answer.',
    takesInput: true,
    examples: inputExample('getRequestStatus', '{"requests":[{"requestId":"req-00000000-0000-4000-8000-000000000001"}]}'),
    run: async (invocation, context) => {
      const requestIds = await readInput(invocation.options, GetRequestStatusInputSchema, undefined);
      const result = await dispatch<GetRequestStatusResult>(context, { type: 'GetRequestStatus', requestIds });
      return { exitCode: EXIT_CODES.success, output: toHostFactoryStatusResponse(result) };
    },
  },
  {
    path: ['getReturnRequests'],
    group: 'Host Factory',
    summary: 'Machines the provider wants back: terminated or reclaimed outside the scheduler.',
    description:
      'Input: {"machines": [{"name", "machineId"}]}, every host the scheduler believes this provider owns. Output lists those terminated, stopped or failed outside a return request (spot interruption, manual deletion).',
    takesInput: true,
    examples: inputExample('getReturnRequests', '{"machines":[{"name":"host-a","machineId":"i-0123456789abcdef0"}]}'),
    run: async (invocation, context) => {
      const input = await readInput(invocation.options, GetReturnRequestsInputSchema);
      const result = await dispatch<GetReturnRequestsResult>(context, {
        type: 'GetReturnRequests',
        machines: input.machines.map((machine) => ({ machineId: machine.machineId, ...(machine.name ? { name: machine.name } : {}) })),
      });
      return { exitCode: EXIT_CODES.success, output: toHostFactoryReturnRequests(result) };
    },
  },
];
