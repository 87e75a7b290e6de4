/** The longest id, name, key or filter value the product accepts anywhere. */
export const MAX_IDENTIFIER_LENGTH = 255;

/** C0 controls (NUL included), DEL and C1 controls. */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;
/** C0 controls other than tab, line feed and carriage return. */
const CONTROL_CHARACTER_IN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/;
/** Half of a surrogate pair standing alone: invalid UTF-16, what invalid UTF-8 often decodes to. */
const LONE_SURROGATE = /\p{Cs}/u;

function controlProblem(text: string, pattern: RegExp): string | undefined {
  const found = pattern.exec(text);
  if (found === null) return undefined;
  const code = found[0].charCodeAt(0);
  return code === 0 ? 'contains a NUL character' : `contains the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Why `text` cannot be an identifier (an id, a name, an idempotency key, a filter value), or
 * undefined when it can. Identifiers end up in URLs, logs, tags and database columns: they are
 * short, well-formed Unicode without control characters (PostgreSQL refuses NUL in text).
 */
export function identifierProblem(text: string, maxLength = MAX_IDENTIFIER_LENGTH): string | undefined {
  if (text.length === 0) return 'is empty';
  if (text.length > maxLength) return `is longer than ${maxLength} characters`;
  if (LONE_SURROGATE.test(text)) return 'is not valid Unicode (a lone surrogate, e.g. from invalid UTF-8)';
  return controlProblem(text, CONTROL_CHARACTER);
}

/**
 * Why `text` cannot be kept as free text (a message, a description, user data), or undefined
 * when it can: NUL, control characters other than tab and line breaks, and lone surrogates are
 * refused; no UTF-8 store keeps them as they are.
 */
export function freeTextProblem(text: string): string | undefined {
  if (LONE_SURROGATE.test(text)) return 'is not valid Unicode (a lone surrogate, e.g. from invalid UTF-8)';
  return controlProblem(text, CONTROL_CHARACTER_IN_TEXT);
}
