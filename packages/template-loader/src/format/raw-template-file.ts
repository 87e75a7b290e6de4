import { ConfigurationError } from '@ohf/domain-core';
import type { TemplateFileSystem } from '../file-system/template-file-system.js';
import { expandEnvironment, type Environment } from './expand-environment.js';
import { TemplateFileContentSchema } from './parse-template-file.js';
import { TEMPLATE_ID_SPELLINGS } from './template-fields.js';

/** A template file as written, for rewriting it without disturbing what is not ours to change. */
export interface RawTemplateFile {
  /** The top-level object when the file is `{"templates": [...]}`; other keys are written back unchanged. */
  readonly envelope: Record<string, unknown> | undefined;
  readonly items: unknown[];
}

export async function readRawTemplateFile(fileSystem: TemplateFileSystem, path: string, name: string): Promise<RawTemplateFile> {
  if ((await fileSystem.stat(path)) === undefined) return { envelope: {}, items: [] };
  const text = await fileSystem.readFile(path);
  let content: unknown;
  try {
    content = JSON.parse(text);
  } catch (error) {
    throw new ConfigurationError(`${name} is not valid JSON (${(error as Error).message}); fix it before changing templates in it.`, {
      details: { file: name },
    });
  }
  const parsed = TemplateFileContentSchema.safeParse(content);
  if (!parsed.success) {
    throw new ConfigurationError(`${name} does not hold {"templates": [...]} or an array; fix it before changing templates in it.`, {
      details: { file: name },
    });
  }
  if (Array.isArray(parsed.data)) return { envelope: undefined, items: [...parsed.data] };
  return { envelope: { ...parsed.data }, items: [...parsed.data.templates] };
}

export function serializeTemplateFile(file: RawTemplateFile): string {
  const content = file.envelope === undefined ? file.items : { ...file.envelope, templates: file.items };
  return `${JSON.stringify(content, null, 2)}\n`;
}

/** The template id a raw record declares (with `${ENV}` expanded, as the loader sees it). */
export function rawRecordTemplateId(item: unknown, environment: Environment | undefined): string | undefined {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) return undefined;
  for (const spelling of TEMPLATE_ID_SPELLINGS) {
    const value = (item as Record<string, unknown>)[spelling];
    if (value === undefined) continue;
    if (typeof value !== 'string') return undefined;
    return environment === undefined ? value : (expandEnvironment(value, environment).value as string);
  }
  return undefined;
}

/**
 * Replaces every record of `templateId` with `replacement` (at the first one's position, or
 * appended), or removes them when `replacement` is undefined. Returns how many were found.
 */
export function replaceRecords(
  file: RawTemplateFile,
  templateId: string,
  replacement: Record<string, unknown> | undefined,
  environment: Environment | undefined,
): number {
  let found = 0;
  let insertAt = -1;
  for (let index = file.items.length - 1; index >= 0; index -= 1) {
    if (rawRecordTemplateId(file.items[index], environment) === templateId) {
      file.items.splice(index, 1);
      found += 1;
      insertAt = index;
    }
  }
  if (replacement !== undefined) {
    if (insertAt === -1) file.items.push(replacement);
    else file.items.splice(insertAt, 0, replacement);
  }
  return found;
}
