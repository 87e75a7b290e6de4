import { isSecretSettingName, secretValuesOf } from '@ohf/provider-sdk';
import type { Configuration } from '../configuration/configuration-schema.js';

// Flags such as SOME_TOKEN_ENABLED=true are not credentials; no real credential is this short.
const MINIMUM_ENVIRONMENT_SECRET_LENGTH = 8;

/** Credential values of the environment providers read (AWS_SECRET_ACCESS_KEY, LINODE_TOKEN, …). */
export function environmentSecrets(environment: Readonly<Record<string, string | undefined>>): string[] {
  return secretValuesOf(
    Object.fromEntries(
      Object.entries(environment).filter(([key, value]) => isSecretSettingName(key) && (value ?? '').length >= MINIMUM_ENVIRONMENT_SECRET_LENGTH),
    ),
  );
}

/**
 * Every credential value the configuration and the environment hold: the secret-named settings
 * of all provider instances and the secret-named environment variables. Loggers redact them as
 * a last line, whatever code wrote the log line.
 */
export function configuredSecrets(configuration: Configuration, environment: Readonly<Record<string, string | undefined>>): string[] {
  return [...new Set([...configuration.providers.providers.flatMap((instance) => secretValuesOf(instance.config)), ...environmentSecrets(environment)])];
}
