import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';

export type { Logger };

/**
 * pino JSON lines to `<logDirectory>/app.log`, written synchronously: the process is short-lived
 * and must not lose its last lines on exit. stdout stays reserved for the result.
 */
export async function createFileLogger(logDirectory: string, level: string): Promise<Logger> {
  const { default: pino } = await import('pino');
  mkdirSync(logDirectory, { recursive: true });
  return pino(
    {
      level,
      base: { pid: process.pid, app: 'ohfp' },
      redact: { paths: ['*.token', '*.password', '*.secret', '*.root_pass', 'config.token'], censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
    },
    pino.destination({ dest: join(logDirectory, 'app.log'), sync: true, mkdir: true }),
  );
}
