import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

type Environment = Readonly<Record<string, string | undefined>>;

const set = (value: string | undefined): value is string => value !== undefined && value !== '';

/**
 * Why this config directory was used, in the order the runtime resolves it (--config-dir,
 * HF_PROVIDER_CONFDIR, Symphony's `$HF_CONFDIR/providers/$HF_PROVIDER_NAME`, HF_CONFDIR, ./config).
 */
export function configDirectoryReason(environment: Environment, configDirectoryOption: string | undefined, configDirectory: string): string {
  if (configDirectoryOption !== undefined) return 'given with --config-dir';
  if (set(environment.HF_PROVIDER_CONFDIR)) return 'from HF_PROVIDER_CONFDIR';
  if (set(environment.HF_CONFDIR)) {
    return set(environment.HF_PROVIDER_NAME) && configDirectory.endsWith(join('providers', environment.HF_PROVIDER_NAME))
      ? 'from HF_CONFDIR/providers/HF_PROVIDER_NAME (Symphony’s layout)'
      : 'from HF_CONFDIR';
  }
  return 'the default: neither HF_PROVIDER_CONFDIR nor HF_CONFDIR is set, so ./config under the current directory';
}

/** Whether the directory holds anything to configure from: config.yaml/json, an IBM config file, or a template file. */
export function holdsConfiguration(configDirectory: string): boolean {
  if (!existsSync(configDirectory)) return false;
  try {
    return readdirSync(configDirectory).some((name) => /^config\.(json|ya?ml)$/.test(name) || /prov_config\.json$/.test(name) || /templates\.json$/.test(name));
  } catch {
    return false;
  }
}
