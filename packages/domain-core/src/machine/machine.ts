import { INSTANCE_STATES_V1, type InstanceStateV1 } from '@ohf/provider-sdk';
import { z } from 'zod';
import { DEFAULT_ORGANIZATION_ID, OrganizationIdSchema } from '../tenancy/organization.js';
import { LaunchCostSchema } from '../catalog/launch-cost.js';
import { MachineIdSchema, type Clock } from '../shared/identifiers.js';
import { assertTransition, type TransitionTable } from '../shared/state-machine.js';

/**
 * A machine's normalized state is what its provider reports through the spec, so the domain
 * tracks exactly the spec's states: one list, owned by provider-sdk.
 */
export const MACHINE_STATES = INSTANCE_STATES_V1;
export type MachineState = InstanceStateV1;

const everyState = MACHINE_STATES;
/**
 * Machine state is observed at the provider, so most moves are legal; what is never legal is
 * coming back from `terminated`, or a failed machine starting to run.
 */
export const MACHINE_TRANSITIONS: TransitionTable<MachineState> = {
  pending: everyState,
  running: everyState,
  stopping: everyState,
  stopped: everyState,
  shutting_down: ['shutting_down', 'terminated', 'failed', 'unknown'],
  terminated: ['terminated'],
  failed: ['failed', 'shutting_down', 'terminated', 'unknown'],
  unknown: everyState,
};

export const MachineSchema = z.object({
  machineId: MachineIdSchema,
  /** The id the cloud gave the machine (`i-0abc…`, a Linode id, a droplet id). */
  providerInstanceId: z.string().min(1),
  requestId: z.string(),
  /** The organization of the request that made it. */
  organizationId: OrganizationIdSchema.default(DEFAULT_ORGANIZATION_ID),
  returnRequestId: z.string().optional(),
  templateId: z.string(),
  providerType: z.string(),
  providerInstance: z.string(),
  providerApi: z.string().optional(),
  state: z.enum(MACHINE_STATES),
  rawState: z.string(),
  privateIpAddress: z.string().nullable().default(null),
  publicIpAddress: z.string().nullable().default(null),
  hostName: z.string().nullable().default(null),
  priceType: z.string().optional(),
  instanceType: z.string().optional(),
  launchTime: z.string().optional(),
  ...LaunchCostSchema.shape,
  tags: z.record(z.string(), z.string()).default({}),
  message: z.string().default(''),
  providerMetadata: z.record(z.string(), z.unknown()).optional(),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int().nonnegative().default(0),
});
export type Machine = z.infer<typeof MachineSchema>;
export type MachineInput = z.input<typeof MachineSchema>;

export interface MachineObservation {
  readonly state: MachineState;
  readonly rawState: string;
  readonly privateIpAddress?: string | null;
  readonly publicIpAddress?: string | null;
  readonly hostName?: string | null;
  readonly launchTime?: string;
  readonly instanceType?: string;
  readonly message?: string;
}

/** Applies what the provider reported, rejecting impossible moves (e.g. back from terminated). */
export function observeMachine(machine: Machine, observation: MachineObservation, clock: Clock): Machine {
  assertTransition(MACHINE_TRANSITIONS, `Machine ${machine.machineId}`, machine.state, observation.state);
  return {
    ...machine,
    state: observation.state,
    rawState: observation.rawState,
    privateIpAddress: observation.privateIpAddress ?? machine.privateIpAddress,
    publicIpAddress: observation.publicIpAddress ?? machine.publicIpAddress,
    hostName: observation.hostName ?? machine.hostName,
    launchTime: observation.launchTime ?? machine.launchTime,
    instanceType: observation.instanceType ?? machine.instanceType,
    message: observation.message ?? machine.message,
    updatedAt: clock.now().toISOString(),
  };
}

/**
 * Whether `observeMachine` would change anything but the machine's `updatedAt`: a status poll of
 * thousands of machines, most of them as they were, builds a new machine only for those that changed.
 */
export function observationChanges(machine: Machine, observation: MachineObservation): boolean {
  return (
    observation.state !== machine.state ||
    observation.rawState !== machine.rawState ||
    (observation.privateIpAddress ?? machine.privateIpAddress) !== machine.privateIpAddress ||
    (observation.publicIpAddress ?? machine.publicIpAddress) !== machine.publicIpAddress ||
    (observation.hostName ?? machine.hostName) !== machine.hostName ||
    (observation.launchTime ?? machine.launchTime) !== machine.launchTime ||
    (observation.instanceType ?? machine.instanceType) !== machine.instanceType ||
    (observation.message ?? machine.message) !== machine.message
  );
}

export function isMachineGone(machine: Pick<Machine, 'state'>): boolean {
  return machine.state === 'terminated';
}
