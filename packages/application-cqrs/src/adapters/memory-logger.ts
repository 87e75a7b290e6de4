import type { Logger } from '../ports/logger.js';

export interface LogEntry {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly data: object;
  readonly message?: string;
}

/** Keeps log entries in an array, for tests. */
export class MemoryLogger implements Logger {
  readonly entries: LogEntry[] = [];

  debug(data: object, message?: string): void {
    this.entries.push(entry('debug', data, message));
  }
  info(data: object, message?: string): void {
    this.entries.push(entry('info', data, message));
  }
  warn(data: object, message?: string): void {
    this.entries.push(entry('warn', data, message));
  }
  error(data: object, message?: string): void {
    this.entries.push(entry('error', data, message));
  }
}

function entry(level: LogEntry['level'], data: object, message: string | undefined): LogEntry {
  return message === undefined ? { level, data } : { level, data, message };
}
