import type { ComputeProviderV1 } from '@ohf/provider-sdk';

/** A configured provider instance as selection sees it (no settings, no secrets). */
export interface ProviderInstanceDescriptor {
  /** e.g. `aws-us-east-1`. */
  readonly name: string;
  /** The provider type: `aws`, `linode`, `digitalocean` or a third party's. */
  readonly type: string;
  readonly enabled: boolean;
  /** Lower is preferred (PRIORITY policy). */
  readonly priority: number;
  readonly weight: number;
  /** API names and features this instance offers, e.g. `EC2Fleet`, `spot_instances`. */
  readonly capabilities: readonly string[];
  /** The organization that registered and owns it; absent: a global instance (configuration file). */
  readonly organizationId?: string;
  /** For a global instance: the only organizations that may use it; absent: every organization. */
  readonly organizations?: readonly string[];
}

/** A new instance registered at run time (registerProviderStrategy). */
export interface ProviderInstanceRegistration extends ProviderInstanceDescriptor {
  /** Provider settings, validated by the provider definition's settings schema. */
  readonly config: Readonly<Record<string, unknown>>;
}

/**
 * The configured provider instances. `get` creates the provider client lazily on first use, so
 * a CLI call that touches one instance never loads the others' SDKs.
 */
export interface ProviderInstances {
  list(): Promise<readonly ProviderInstanceDescriptor[]>;
  /**
   * The client of one instance, disabled ones included (their machines must still be watched
   * and returned). Unknown name → PROVIDER_NOT_FOUND with `details.available_providers`.
   */
  get(name: string): Promise<ComputeProviderV1>;
  /** Adds (or replaces) an instance; CONFLICT or VALIDATION_ERROR when the runtime refuses. */
  register(registration: ProviderInstanceRegistration): Promise<ProviderInstanceDescriptor>;
  /**
   * The credential values of one instance (tokens, secret keys, passwords from its settings and
   * the environment it reads): whatever the provider reports is redacted of them before it is
   * logged, stored or answered. Unknown name: none.
   */
  secretsOf?(name: string): readonly string[];
  /**
   * Why an enabled instance cannot sign its calls, when no credential source can be found
   * (without calling the cloud); undefined when it has one, is disabled or is unknown.
   */
  missingCredentialsOf?(name: string): string | undefined;
}
export const ProviderInstances = Symbol.for('ohf.ProviderInstances');
