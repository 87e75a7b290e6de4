import { INSTANCE_ACTIONS_V1 } from '@ohf/provider-sdk';
import type { CommandDefinition } from '../cli/command-definition.js';
import { EXIT_CODES } from '../cli/exit-codes.js';
import { defined, dispatch } from './dispatch.js';

/** `ohfp machines action ID boot|shutdown|reboot`: one power action through the machine's provider. */
export const machineActionCommand: CommandDefinition = {
  path: ['machines', 'action'],
  group: 'Machines',
  summary: 'Boot, shut down or reboot one machine through its provider.',
  description:
    'Sends the action to the provider instance that launched the machine (AWS StartInstances/StopInstances/RebootInstances, Linode boot/shutdown/reboot, DigitalOcean power_on/shutdown/reboot), then reads the machine back and records the state its provider reports. A terminated or returning machine is refused (exit code 1), as is a provider type without power actions. --dry-run prints the call it would send.',
  mutating: true,
  positionals: [
    { name: 'machineId', required: true, description: 'm-… or the cloud id (i-…, a Linode or droplet id).' },
    { name: 'action', required: true, description: `${INSTANCE_ACTIONS_V1.join(', ')}.`, choices: INSTANCE_ACTIONS_V1 },
  ],
  options: [{ name: 'provider', type: 'string', valueName: 'NAME', description: 'The provider instance, when two clouds reuse an id.' }],
  fieldOptions: { machineId: '<machineId>', action: '<action>', providerInstance: 'provider' },
  examples: ['ohfp machines action m-0001 reboot', 'ohfp machines action 12345678 shutdown --provider linode-main --dry-run'],
  run: async (invocation, context) => {
    const result = await dispatch(context, {
      type: 'PerformMachineAction',
      machineId: invocation.positionals[0]!,
      action: invocation.positionals[1] as (typeof INSTANCE_ACTIONS_V1)[number],
      dryRun: invocation.options['dry-run'] === true,
      ...defined({ providerInstance: typeof invocation.options['provider'] === 'string' ? invocation.options['provider'] : undefined }),
    });
    const { machine } = result;
    return {
      exitCode: EXIT_CODES.success,
      output: result,
      table: {
        columns: ['machineId', 'cloudId', 'provider', 'action', 'state', 'detail'],
        rows: [[machine.machineId, machine.providerInstanceId, machine.providerInstance, result.action, machine.state, result.dryRun ? 'dry run: nothing sent' : (result.actionId ?? '')]],
      },
    };
  },
};
