/**
 * Structured logging, shaped like pino's methods (data first, message second) so the runtime
 * can bind a pino logger as it is.
 */
export interface Logger {
  debug(data: object, message?: string): void;
  info(data: object, message?: string): void;
  warn(data: object, message?: string): void;
  error(data: object, message?: string): void;
}
export const Logger = Symbol.for('ohf.Logger');

/** Drops everything: the default when no logger is given. */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
