import { isSecretSettingName } from '@ohf/provider-sdk';

// One rule for what a credential is named, shared with the redaction of provider errors and logs.
export { isSecretSettingName };

export const MASK = '********';

/** A copy with every value under a secret-looking name replaced by a mask, at any depth. */
export function maskSecrets<Value>(value: Value, keyName = ''): Value {
  if (keyName !== '' && isSecretSettingName(keyName) && value !== null && value !== undefined && value !== '') {
    return MASK as Value;
  }
  if (Array.isArray(value)) return value.map((item) => maskSecrets(item)) as Value;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, maskSecrets(entry, key)])) as Value;
  }
  return value;
}
