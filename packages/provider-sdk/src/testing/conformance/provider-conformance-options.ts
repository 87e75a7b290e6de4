import type { ComputeProviderV1, InstanceStateV1, ProviderCapabilitiesV1, ProviderTemplateV1 } from '../../index.js';
import type { ConformanceHarness } from './conformance-harness.js';

/** The optional members of `ComputeProviderV1` the kit knows how to check. */
export const OPTIONAL_MEMBERS_V1 = ['findInstancesByName', 'findInstancesByTagKey', 'releaseRequestResources', 'listApps', 'performAction'] as const;
export type OptionalMemberV1 = (typeof OPTIONAL_MEMBERS_V1)[number];

export interface ProviderConformanceOptions {
  /** Shown in the suite name. */
  readonly name: string;
  /**
   * Builds the provider under test against the harness's backend. Give it a retry policy
   * with an instant `sleep`: the kit makes the backend answer `Retry-After: 1`.
   */
  readonly createProvider: () => ComputeProviderV1 | Promise<ComputeProviderV1>;
  /**
   * Builds the same provider with no credentials anywhere (settings and environment). Every
   * provider that reads explicit credentials (a token, a key) gives it; the kit then checks the
   * one credentials rule. Leave it out only when the cloud's SDK finds credentials on its own.
   */
  readonly createProviderWithoutCredentials?: () => ComputeProviderV1 | Promise<ComputeProviderV1>;
  readonly fixtures: {
    /** A template the backend accepts. */
    readonly template: ProviderTemplateV1;
    /** Every native state the cloud documents; each must be in `stateMap`. Default: the map's keys. */
    readonly nativeStates?: readonly string[];
    /** The provider's state map (e.g. `LINODE_STATE_MAP`). */
    readonly stateMap?: Readonly<Record<string, InstanceStateV1>>;
  };
  readonly harness: ConformanceHarness;
  /** Capabilities the provider must declare, e.g. `{ describeBatchSize: 1000 }`. */
  readonly capabilities?: Partial<ProviderCapabilitiesV1>;
  /**
   * Optional members of the contract the provider must implement. The kit checks every optional
   * member a provider has; naming one here also fails the suite when it is missing.
   */
  readonly optionalMembers?: readonly OptionalMemberV1[];
}
