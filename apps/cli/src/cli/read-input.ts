import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { z } from 'zod';
import type { OptionValues } from './command-definition.js';
import { UsageError } from './parse-arguments.js';

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads the command's input JSON from `-f FILE` or `--data JSON` and validates it. A relative
 * FILE is the caller's (`currentDirectory`): the resident helper runs calls of other processes.
 */
export async function readInput<Schema extends z.ZodType>(
  options: OptionValues,
  schema: Schema,
  defaultInput: unknown = {},
  currentDirectory?: string,
): Promise<z.infer<Schema>> {
  const file = options.file;
  const data = options.data;
  if (typeof file === 'string' && typeof data === 'string') {
    throw new UsageError('Give the input either with -f FILE or with --data JSON, not both.');
  }
  let text: string | undefined;
  let source: string | undefined;
  if (typeof file === 'string') {
    source = file;
    let bytes: Buffer;
    try {
      bytes = await readFile(currentDirectory === undefined ? file : resolve(currentDirectory, file));
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      throw new UsageError(
        code === 'ENOENT' ? `Input file ${file} does not exist.` : `Cannot read input file ${file}: ${(error as Error).message}`,
      );
    }
    try {
      // Invalid bytes would otherwise turn silently into U+FFFD and reach ids and names.
      text = strictUtf8.decode(bytes);
    } catch {
      throw new UsageError(`The input file ${file} is not valid UTF-8 text.`);
    }
  } else if (typeof data === 'string') {
    source = '--data';
    text = data;
  }
  let raw: unknown = defaultInput;
  if (text !== undefined && text.trim() !== '') {
    try {
      raw = JSON.parse(text);
    } catch (error) {
      throw new UsageError(`The input in ${source} is not valid JSON: ${(error as Error).message}`);
    }
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues
      .slice(0, 5)
      .map((issue) => {
        const field = issue.path.length ? issue.path.join('.') : '(input)';
        return /received undefined/.test(issue.message) ? `${field} is required` : `${field}: ${issue.message}`;
      })
      .join('; ');
    throw new UsageError(
      source === undefined
        ? `No input was given, and this command needs some: ${problems}. Give the input JSON with -f FILE or --data JSON.`
        : `The input in ${source} is not valid: ${problems}`,
    );
  }
  return parsed.data;
}
