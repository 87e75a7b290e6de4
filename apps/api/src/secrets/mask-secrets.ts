/**
 * Setting names that hold credentials in any provider's settings or options: tokens, secrets,
 * passwords (`root_pass`), private and access keys. Public material (`authorized_keys`,
 * `ssh_keys`) and plain settings (region, profile, endpoint) are not secrets.
 */
const SECRET_KEY_PATTERNS: readonly RegExp[] = [
  /token/i,
  /secret/i,
  /pass(word|phrase)?$/i,
  /credential/i,
  /private[_-]?key/i,
  /api[_-]?key/i,
  /access[_-]?key/i,
  /^authorization$/i,
];

export const MASK = '********';

export function isSecretSettingName(name: string): boolean {
  return SECRET_KEY_PATTERNS.some((pattern) => pattern.test(name));
}

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
