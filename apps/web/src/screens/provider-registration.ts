/** One setting the register form asks for; `secret` ones are password inputs and are never shown back. */
export interface ProviderSettingField {
  readonly name: string;
  readonly label: string;
  readonly secret?: boolean;
  readonly hint?: string;
}

export interface ProviderTypeChoice {
  readonly type: string;
  readonly label: string;
  readonly fields: readonly ProviderSettingField[];
}

/** The provider types the console registers, with the settings each one's form shows (the rest go in "other settings"). */
export const PROVIDER_TYPES: readonly ProviderTypeChoice[] = [
  { type: 'linode', label: 'Linode', fields: [{ name: 'token', label: 'API token', secret: true, hint: 'Left empty: read from LINODE_TOKEN where the API runs.' }] },
  {
    type: 'digitalocean',
    label: 'DigitalOcean',
    fields: [{ name: 'token', label: 'API token', secret: true, hint: 'Left empty: read from DIGITALOCEAN_TOKEN where the API runs.' }],
  },
  {
    type: 'aws',
    label: 'AWS',
    fields: [
      { name: 'region', label: 'Region', hint: 'e.g. us-east-1' },
      { name: 'profile', label: 'Profile' },
      { name: 'role_arn', label: 'Role to assume (ARN)' },
      { name: 'external_id', label: 'External id', secret: true },
    ],
  },
  { type: 'memory', label: 'In memory (trials)', fields: [] },
];

/** What POST /providers/strategy/register takes. */
// A type (not an interface) so it carries the index signature the loose API schema asks for.
export type RegistrationBody = {
  readonly strategy_name: string;
  readonly provider_type: string;
  readonly strategy_config: Record<string, unknown>;
  readonly capabilities: string[];
  readonly enabled: boolean;
};

export interface RegistrationInput {
  readonly type: string;
  readonly name: string;
  /** The type's fields by name, as typed. */
  readonly values: Readonly<Record<string, string>>;
  /** More settings as a JSON object (may be empty). */
  readonly otherSettings: string;
  /** Comma-separated. */
  readonly capabilities: string;
  readonly enabled: boolean;
}

const NAME_PATTERN = /^[A-Za-z0-9_.-]{1,64}$/;

/**
 * The register call's body from the form, or what is wrong with the form (said before any
 * call, in the words the API would use). Empty fields are left out so the provider's defaults
 * and environment apply; a field typed in the form wins over the same key in "other settings".
 */
export function registrationBodyOf(input: RegistrationInput): { readonly body: RegistrationBody } | { readonly problem: string } {
  const choice = PROVIDER_TYPES.find((candidate) => candidate.type === input.type);
  if (choice === undefined) return { problem: 'Choose a provider type.' };
  const name = input.name.trim();
  if (!NAME_PATTERN.test(name)) return { problem: 'The name takes 1 to 64 letters, digits, ".", "_" or "-".' };
  let other: Record<string, unknown> = {};
  if (input.otherSettings.trim() !== '') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(input.otherSettings);
    } catch {
      return { problem: 'Other settings must be JSON, e.g. {"timeoutMs": 30000}.' };
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return { problem: 'Other settings must be a JSON object, e.g. {"timeoutMs": 30000}.' };
    other = parsed as Record<string, unknown>;
  }
  const typed = Object.fromEntries(
    choice.fields.map((field) => [field.name, (input.values[field.name] ?? '').trim()] as const).filter(([, value]) => value !== ''),
  );
  const capabilities = input.capabilities
    .split(',')
    .map((capability) => capability.trim())
    .filter((capability) => capability !== '');
  return { body: { strategy_name: name, provider_type: choice.type, strategy_config: { ...other, ...typed }, capabilities, enabled: input.enabled } };
}
