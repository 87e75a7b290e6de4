/** What a secret is replaced with in messages. */
export const REDACTED = '[REDACTED]';

// Very short strings would redact ordinary words; no real credential is this short.
const MINIMUM_SECRET_LENGTH = 4;

/** Replaces every occurrence of each secret in `text` (and its URL-encoded form). */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[] | undefined): string {
  if (!secrets || secrets.length === 0) return text;
  let result = text;
  for (const secret of secrets) {
    if (!secret || secret.length < MINIMUM_SECRET_LENGTH) continue;
    result = result.split(secret).join(REDACTED);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) result = result.split(encoded).join(REDACTED);
  }
  return result;
}
