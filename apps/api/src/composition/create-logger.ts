import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { destination as pinoDestination, pino, stdTimeFunctions, type Logger as PinoLogger } from 'pino';

export interface ApiLoggerOptions {
  readonly level: string;
  /** `stdout`, or a file appended to. */
  readonly destination: string;
}

/**
 * One pino logger for the server and the application: JSON lines, written asynchronously so
 * logging never holds up a response. Authorization headers and API keys are redacted wherever
 * they might appear.
 */
export function createApiLogger(options: ApiLoggerOptions): PinoLogger {
  const destination =
    options.destination === 'stdout'
      ? pinoDestination({ dest: 1, sync: false })
      : (mkdirSync(dirname(options.destination), { recursive: true }), pinoDestination({ dest: options.destination, append: true, sync: false }));
  return pino(
    {
      level: options.level,
      base: { service: 'ohf-api', pid: process.pid },
      redact: {
        paths: ['req.headers.authorization', 'req.headers["x-api-key"]', 'headers.authorization', 'headers["x-api-key"]', '*.config', '*.strategy_config', '*.token'],
        censor: '********',
      },
      timestamp: stdTimeFunctions.isoTime,
    },
    destination,
  );
}
