import { ConfigurationError } from '@ohf/domain-core';

export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Our levels, and Symphony's syslog-style ones (hostfactoryconf.json's HF_LOGLEVEL:
 * LOG_EMERG … LOG_DEBUG, plus LOG_TRACE), by their lower-case name without `log_`.
 * pino has no level between info and warn or above fatal, so NOTICE reads as info and
 * EMERG, ALERT and CRIT as fatal.
 */
const LEVEL_BY_NAME: Readonly<Record<string, LogLevel>> = {
  trace: 'trace',
  debug: 'debug',
  info: 'info',
  notice: 'info',
  warn: 'warn',
  warning: 'warn',
  err: 'error',
  error: 'error',
  crit: 'fatal',
  critical: 'fatal',
  alert: 'fatal',
  emerg: 'fatal',
  fatal: 'fatal',
  silent: 'silent',
};

export const SYMPHONY_LOG_LEVELS = ['LOG_EMERG', 'LOG_ALERT', 'LOG_CRIT', 'LOG_ERR', 'LOG_WARNING', 'LOG_NOTICE', 'LOG_INFO', 'LOG_DEBUG', 'LOG_TRACE'] as const;

/** The pino level a written level stands for, or undefined when it is none. */
export function toLogLevel(written: string): LogLevel | undefined {
  const name = written.trim().toLowerCase().replace(/^log_/, '');
  return Object.hasOwn(LEVEL_BY_NAME, name) ? LEVEL_BY_NAME[name] : undefined;
}

/** The level a variable sets; an unknown value is a configuration error naming the variable. */
export function logLevelFromVariable(variable: string, written: string): LogLevel {
  const level = toLogLevel(written);
  if (level === undefined) {
    throw new ConfigurationError(
      `${variable}=${JSON.stringify(written)} is not a log level: use one of ${LOG_LEVELS.join(', ')} or Symphony's ${SYMPHONY_LOG_LEVELS.join(', ')}.`,
      { details: { variable, value: written, accepted: [...LOG_LEVELS, ...SYMPHONY_LOG_LEVELS] } },
    );
  }
  return level;
}
