/** What a secret is replaced with in messages. */
export const REDACTED = '[REDACTED]';

// Very short strings would redact ordinary words; no real credential is this short.
const MINIMUM_SECRET_LENGTH = 4;

/** Names of fields and parameters that carry credentials, as they appear in JSON, query strings and headers. */
const SECRET_NAME = String.raw`[A-Za-z0-9_.-]*(?:token|secret|passw(?:or)?d|pass|passphrase|credential|signature|private[_-]?key|api[_-]?key|access[_-]?key)[A-Za-z0-9_.-]*`;

/**
 * Credential shapes redacted wherever they appear, even when no setting names them: a cloud may
 * echo a credential the application never saw (one from the SDK's default chain, a session
 * token, a header of the failed call). Each entry is a pattern and its replacement.
 */
const CREDENTIAL_SHAPES: readonly (readonly [RegExp, string | ((match: string, ...groups: string[]) => string)])[] = [
  // "root_pass": "…" and 'password': '…' in JSON or JSON-like text.
  [new RegExp(String.raw`(["'])(${SECRET_NAME})\1(\s*:\s*)(["'])(?:\\.|(?!\4).)*\4`, 'gi'), (_match, quote, name, separator, valueQuote) => `${quote}${name}${quote}${separator}${valueQuote}${REDACTED}${valueQuote}`],
  // root_pass=… in query strings and form bodies, AccessKeyId=… in signed URLs and SDK messages.
  [new RegExp(String.raw`\b(${SECRET_NAME}|AccessKeyId|Credential)=([^\s&,;"'}]+)`, 'gi'), (_match, name) => `${name}=${REDACTED}`],
  // Authorization: Bearer … / Basic …, whatever the header around it.
  [/\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/g, (_match, scheme) => `${scheme} ${REDACTED}`],
  // Header lines that carry a credential as their whole value.
  [/\b(x-amz-security-token|x-api-key|authorization)(\s*:\s*)(?!Bearer\b|Basic\b)[^\s,;]+/gi, (_match, name, separator) => `${name}${separator}${REDACTED}`],
  // AWS access key ids (long-term AKIA…, temporary ASIA…, and the other documented prefixes).
  [/\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|AKPA|ANPA|ANVA|APKA|AROA|ASCA)[A-Z0-9]{16}\b/g, REDACTED],
  // DigitalOcean personal, OAuth and refresh tokens.
  [/\bdo[opr]_v1_[a-f0-9]{64}\b/g, REDACTED],
  // AWS session tokens and other long base64 credentials.
  [/(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{100,}={0,2}(?![A-Za-z0-9/+=])/g, REDACTED],
  // AWS secret access keys: 40 base64 characters mixing upper case, lower case and digits
  // (which a hex digest of the same length never does).
  [/(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g, (match) => (/[a-z]/.test(match) && /[A-Z]/.test(match) && /[0-9]/.test(match) ? REDACTED : match)],
];

/** Cheap guard: text without any of these cannot match a credential shape. */
const MAY_HOLD_CREDENTIAL = /[=:]|Bearer|Basic|[A-Za-z0-9/+]{40}|\bA[A-Z]{3}[A-Z0-9]{16}\b|do[opr]_v1_/;

/**
 * Replaces every occurrence of each given secret (and its URL-encoded form) in `text`, then
 * anything shaped like a credential: AWS access key ids, secret access keys and session tokens,
 * DigitalOcean tokens, bearer and basic credentials, and the values of secret-named fields in
 * JSON, query strings and headers (`"root_pass": "…"`, `token=…`, `X-Amz-Security-Token: …`).
 */
export function redactSecrets(text: string, secrets?: readonly (string | undefined)[]): string {
  let result = text;
  for (const secret of secrets ?? []) {
    if (!secret || secret.length < MINIMUM_SECRET_LENGTH) continue;
    result = result.split(secret).join(REDACTED);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) result = result.split(encoded).join(REDACTED);
  }
  if (!MAY_HOLD_CREDENTIAL.test(result)) return result;
  for (const [pattern, replacement] of CREDENTIAL_SHAPES) {
    result = result.replace(pattern, replacement as (match: string, ...groups: string[]) => string);
  }
  return result;
}
