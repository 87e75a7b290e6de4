/**
 * The logger every AWS SDK client of this package gets. The SDK's default logger has a no-op
 * `info`, yet the SDK builds the entry it would log for every answer before calling it: a copy
 * of the whole output with sensitive fields masked, which for a DescribeInstances page of 1,000
 * instances costs a good part of parsing it. Without `info` that entry is never built. The SDK
 * logs nothing anywhere by default, so nothing is lost; our own logger records what matters.
 */
export const SDK_CLIENT_LOGGER = Object.freeze({
  trace: (): void => undefined,
  debug: (): void => undefined,
  warn: (): void => undefined,
  error: (): void => undefined,
});
