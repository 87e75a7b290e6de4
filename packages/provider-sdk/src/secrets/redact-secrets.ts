/** What a secret is replaced with in messages. */
export const REDACTED = '[REDACTED]';

// Very short strings would redact ordinary words; no real credential is this short.
const MINIMUM_SECRET_LENGTH = 4;

/** Names of fields and parameters that carry credentials, as they appear in JSON, query strings and headers. */
const SECRET_NAME = String.raw`[A-Za-z0-9_.-]*(?:token|secret|passw(?:or)?d|pass|passphrase|credential|signature|private[_-]?key|api[_-]?key|access[_-]?key)[A-Za-z0-9_.-]*`;

interface CredentialShape {
  /** A cheap test that the pattern may match, so ordinary text costs a few lookups. */
  readonly mayMatch: (text: string) => boolean;
  readonly pattern: RegExp;
  readonly replacement: string | ((match: string, ...groups: string[]) => string);
}

/**
 * Credential shapes redacted wherever they appear, even when no setting names them: a cloud may
 * echo a credential the application never saw (one from the SDK's default chain, a session
 * token, a header of the failed call).
 */
const CREDENTIAL_SHAPES: readonly CredentialShape[] = [
  {
    // "root_pass": "…" and 'password': '…' in JSON or JSON-like text.
    mayMatch: (text) => text.includes(':') && (text.includes('"') || text.includes("'")),
    pattern: new RegExp(String.raw`(["'])(${SECRET_NAME})\1(\s*:\s*)(["'])(?:\\.|(?!\4).)*\4`, 'gi'),
    replacement: (_match, quote, name, separator, valueQuote) => `${quote}${name}${quote}${separator}${valueQuote}${REDACTED}${valueQuote}`,
  },
  {
    // root_pass=… in query strings and form bodies, AccessKeyId=… in signed URLs and SDK messages.
    mayMatch: (text) => text.includes('='),
    pattern: new RegExp(String.raw`\b(${SECRET_NAME}|AccessKeyId|Credential)=([^\s&,;"'}]+)`, 'gi'),
    replacement: (_match, name) => `${name}=${REDACTED}`,
  },
  {
    // Authorization: Bearer … / Basic …, whatever the header around it.
    mayMatch: (text) => text.includes('Bearer') || text.includes('Basic'),
    pattern: /\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/g,
    replacement: (_match, scheme) => `${scheme} ${REDACTED}`,
  },
  {
    // Header lines that carry a credential as their whole value.
    mayMatch: (text) => text.includes(':'),
    pattern: /\b(x-amz-security-token|x-api-key|authorization)(\s*:\s*)(?!Bearer\b|Basic\b)[^\s,;]+/gi,
    replacement: (_match, name, separator) => `${name}${separator}${REDACTED}`,
  },
  {
    // AWS access key ids (long-term AKIA…, temporary ASIA…, and the other documented prefixes).
    mayMatch: (text) => text.length >= 20,
    pattern: /\b(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|AKPA|ANPA|ANVA|APKA|AROA|ASCA)[A-Z0-9]{16}\b/g,
    replacement: REDACTED,
  },
  {
    // DigitalOcean personal, OAuth and refresh tokens.
    mayMatch: (text) => text.includes('_v1_'),
    pattern: /\bdo[opr]_v1_[a-f0-9]{64}\b/g,
    replacement: REDACTED,
  },
  {
    // AWS session tokens and other long base64 credentials.
    mayMatch: (text) => text.length >= 100,
    pattern: /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{100,}={0,2}(?![A-Za-z0-9/+=])/g,
    replacement: REDACTED,
  },
  {
    // AWS secret access keys: 40 base64 characters mixing upper case, lower case and digits
    // (which a hex digest of the same length never does).
    mayMatch: (text) => text.length >= 40,
    pattern: /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g,
    replacement: (match) => (/[a-z]/.test(match) && /[A-Z]/.test(match) && /[0-9]/.test(match) ? REDACTED : match),
  },
];

// No credential, nor a secret-named field with a value, is shorter than this.
const SHORTEST_CREDENTIAL_TEXT = 6;

/**
 * Replaces every occurrence of each given secret (and its URL-encoded form) in `text`, then
 * anything shaped like a credential: AWS access key ids, secret access keys and session tokens,
 * DigitalOcean tokens, bearer and basic credentials, and the values of secret-named fields in
 * JSON, query strings and headers (`"root_pass": "…"`, `token=…`, `X-Amz-Security-Token: …`).
 */
export function redactSecrets(text: string, secrets?: readonly (string | undefined)[]): string {
  let result = text;
  for (const secret of secrets ?? []) {
    if (!secret || secret.length < MINIMUM_SECRET_LENGTH || result.length < secret.length) continue;
    if (result.includes(secret)) result = result.split(secret).join(REDACTED);
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret && result.includes(encoded)) result = result.split(encoded).join(REDACTED);
  }
  if (result.length < SHORTEST_CREDENTIAL_TEXT) return result;
  for (const shape of CREDENTIAL_SHAPES) {
    if (shape.mayMatch(result)) result = result.replace(shape.pattern, shape.replacement as (match: string, ...groups: string[]) => string);
  }
  return result;
}
