/** The text rules of the storage guard (see `text-guard.ts`), shared by the guarded repositories. */
import { freeTextProblem, identifierProblem, ValidationError } from '@ohf/domain-core';

/** What freeTextProblem refuses: C0 controls but tab and line breaks, and lone surrogates. */
const UNSTORABLE_CHARACTERS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]|\p{Cs}/gu;

export function isIdentifier(value: string | undefined): boolean {
  return typeof value === 'string' && identifierProblem(value) === undefined;
}

/** Refuses an id field that could never be looked up again; empty optional ids are the schema's concern. */
export function requireIdentifiers(what: string, fields: Readonly<Record<string, unknown>>): void {
  for (const [field, value] of Object.entries(fields)) {
    const values = Array.isArray(value) ? value : [value];
    for (const [index, each] of values.entries()) {
      if (typeof each !== 'string' || each === '') continue;
      const problem = identifierProblem(each);
      if (problem !== undefined) {
        const path = Array.isArray(value) ? `${field}[${index}]` : field;
        throw new ValidationError(`${what} cannot be saved: ${path} ${problem}.`, { details: { field: path } });
      }
    }
  }
}

export function storableText(text: string): string {
  return freeTextProblem(text) === undefined ? text : text.replace(UNSTORABLE_CHARACTERS, '\ufffd');
}

/** The value with every string and key made storable; the same object when nothing needed it. */
export function storable<Value>(value: Value): Value {
  if (typeof value === 'string') return storableText(value) as Value;
  if (Array.isArray(value)) {
    const items = value.map((item: unknown) => storable(item));
    return (items.some((item, index) => item !== value[index]) ? items : value) as Value;
  }
  if (value === null || typeof value !== 'object') return value;
  let changed = false;
  const entries = Object.entries(value).map(([key, item]) => {
    const storedKey = storableText(key);
    const storedItem = storable(item);
    if (storedKey !== key || storedItem !== item) changed = true;
    return [storedKey, storedItem] as const;
  });
  return (changed ? Object.fromEntries(entries) : value) as Value;
}
