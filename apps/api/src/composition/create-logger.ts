import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { redactValue } from '@ohf/provider-sdk';
import { destination as pinoDestination, pino, stdSerializers, stdTimeFunctions, type Logger as PinoLogger } from 'pino';

export interface ApiLoggerOptions {
  readonly level: string;
  /** `stdout`, or a file appended to. */
  readonly destination: string;
  /** Credential values every line is redacted of (provider settings, environment). */
  readonly secrets?: readonly string[];
}

/**
 * One pino logger for the server and the application: JSON lines, written asynchronously so
 * logging never holds up a response. Authorization headers and API keys are redacted wherever
 * they might appear, and, as a last line of defence, the given credential values, anything
 * shaped like a credential and every secret-named field, in errors, stacks and causes too.
 */
export function createApiLogger(options: ApiLoggerOptions): PinoLogger {
  const secrets = options.secrets ?? [];
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
      formatters: { log: (fields) => redactValue(fields, secrets) as Record<string, unknown> },
      // The formatter has already made errors plain (and redacted) data.
      serializers: { err: (error: unknown) => (error instanceof Error ? redactValue(stdSerializers.err(error), secrets) : error) },
      timestamp: stdTimeFunctions.isoTime,
    },
    destination,
  );
}
