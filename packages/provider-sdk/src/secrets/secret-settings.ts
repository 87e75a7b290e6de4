/**
 * Setting names that hold credentials in any provider's settings or options: tokens, secrets,
 * passwords (`root_pass`), private, API and access keys. Public material (`authorized_keys`,
 * `ssh_keys`) and plain settings (region, profile, endpoint) are not secrets.
 */
const SECRET_NAME_PATTERN = /token|secret|pass(?:word|phrase)?$|credential|private[_-]?key|api[_-]?key|access[_-]?key|^authorization$/i;

// Loggers ask about the same few field names on every line.
const answers = new Map<string, boolean>();
const MAXIMUM_REMEMBERED_NAMES = 1000;

/** Whether a setting (or any field) of this name holds a credential. */
export function isSecretSettingName(name: string): boolean {
  let secret = answers.get(name);
  if (secret === undefined) {
    secret = SECRET_NAME_PATTERN.test(name);
    if (answers.size < MAXIMUM_REMEMBERED_NAMES) answers.set(name, secret);
  }
  return secret;
}

const MAXIMUM_DEPTH = 10;

/**
 * The credential values of a settings object: every non-empty string under a secret-looking
 * name, at any depth (everything below such a name counts, e.g. `credentials: {…}`). The
 * application redacts them from whatever a provider instance with these settings reports.
 */
export function secretValuesOf(settings: unknown): string[] {
  const found = new Set<string>();
  const visit = (value: unknown, insideSecret: boolean, depth: number): void => {
    if (depth > MAXIMUM_DEPTH || value === null || value === undefined) return;
    if (typeof value === 'string') {
      if (insideSecret && value !== '') found.add(value);
      return;
    }
    if (typeof value === 'number' || typeof value === 'bigint') {
      if (insideSecret) found.add(String(value));
      return;
    }
    if (Array.isArray(value)) {
      for (const item of value) visit(item, insideSecret, depth + 1);
      return;
    }
    if (typeof value === 'object') {
      for (const [key, entry] of Object.entries(value)) visit(entry, insideSecret || isSecretSettingName(key), depth + 1);
    }
  };
  visit(settings, false, 0);
  return [...found];
}
