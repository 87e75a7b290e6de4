import { isSecretSettingName, secretValuesOf } from '@ohf/provider-sdk';

export interface SplitSettings {
  /** Settings that are or hold credentials: sealed before they are stored. */
  readonly credentials: Record<string, unknown>;
  /** Everything else (region, defaults…): stored as it is. */
  readonly configuration: Record<string, unknown>;
}

/**
 * Splits provider settings the way the rest of the product tells credentials apart (log and
 * answer redaction): a top-level setting goes with the credentials when its name looks secret
 * or anything under it does (`auth: { token }`).
 */
export function splitSettings(settings: Readonly<Record<string, unknown>>): SplitSettings {
  const credentials: Record<string, unknown> = {};
  const configuration: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(settings)) {
    if (isSecretSettingName(name) || secretValuesOf({ [name]: value }).length > 0) credentials[name] = value;
    else configuration[name] = value;
  }
  return { credentials, configuration };
}

export function joinSettings(split: SplitSettings): Record<string, unknown> {
  return { ...split.configuration, ...split.credentials };
}
