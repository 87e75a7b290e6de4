import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { redactValue } from '@ohf/provider-sdk';
import type { Logger } from 'pino';

export type { Logger };

/**
 * pino JSON lines to `<logDirectory>/app.log`, written synchronously: the process is short-lived
 * and must not lose its last lines on exit. stdout stays reserved for the result. Every line is
 * redacted as a last line of defence: the given credential values, anything shaped like one,
 * and every field with a secret-looking name, in errors, their stacks and causes too.
 */
export async function createFileLogger(logDirectory: string, level: string, secrets: readonly string[] = []): Promise<Logger> {
  const { default: pino } = await import('pino');
  mkdirSync(logDirectory, { recursive: true });
  return pino(
    {
      level,
      base: { pid: process.pid, app: 'ohfp' },
      redact: { paths: ['*.token', '*.password', '*.secret', '*.root_pass', 'config.token'], censor: '[redacted]' },
      formatters: { log: (fields) => redactValue(fields, secrets) as Record<string, unknown> },
      // The formatter has already made errors plain (and redacted) data.
      serializers: { err: (error: unknown) => (error instanceof Error ? redactValue(pino.stdSerializers.err(error), secrets) : error) },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    pino.destination({ dest: join(logDirectory, 'app.log'), sync: true, mkdir: true }),
  );
}
