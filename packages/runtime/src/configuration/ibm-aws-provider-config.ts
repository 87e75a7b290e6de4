import { existsSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { ConfigurationError } from '@ohf/domain-core';
import { z } from 'zod';

/**
 * IBM Spectrum Symphony's AWS plugin keeps its provider settings in `awsprov_config.json`
 * (copied as `<provider name>prov_config.json` into `$HF_CONFDIR/providers/<provider name>/`).
 * A configuration directory that holds such a file and no config.yaml defines one AWS provider
 * instance from it, so a cluster can switch plugins without rewriting its configuration.
 */

export const IBM_AWS_CONFIG_FILE = 'awsprov_config.json';

/** The files looked for, in order: `<HF_PROVIDER_NAME>prov_config.json`, then `awsprov_config.json`. */
export function ibmConfigFileNames(providerName: string | undefined): string[] {
  const names = providerName !== undefined && SAFE_NAME.test(providerName) ? [`${providerName}prov_config.json`] : [];
  return [...new Set([...names, IBM_AWS_CONFIG_FILE])];
}

const SAFE_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

/** Numbers IBM's samples write as numbers, but that hand-edited files often quote. */
function wholeNumber(minimum: number, maximum: number) {
  return z.preprocess(
    (value) => (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value),
    z
      .number({ error: 'must be a whole number' })
      .int('must be a whole number')
      .min(minimum, `must be between ${minimum} and ${maximum}`)
      .max(maximum, `must be between ${minimum} and ${maximum}`),
  );
}

const optionalText = z.preprocess((value) => (value === '' || value === null ? undefined : value), z.string({ error: 'must be a string' }).optional());

/** The keys of IBM's awsprov_config.json reference, with IBM's ranges. */
const IbmAwsConfigSchema = z.object({
  AWS_REGION: optionalText.pipe(z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'must be an AWS region such as us-east-1').optional()),
  AWS_ENDPOINT_URL: optionalText.pipe(z.url({ error: 'must be a URL such as https://ec2.us-east-1.amazonaws.com' }).optional()),
  AWS_CREDENTIAL_FILE: optionalText,
  AWS_KEY_FILE: optionalText,
  AWS_PROXY_HOST: optionalText,
  AWS_PROXY_PORT: z.preprocess((value) => (value === '' || value === null ? undefined : value), wholeNumber(1, 65_535).optional()),
  AWS_CONNECTION_TIMEOUT_MS: wholeNumber(1, 2_147_483_647).optional(),
  AWS_REQUEST_RETRY_ATTEMPTS: wholeNumber(0, 10).optional(),
  AWS_INSTANCE_PENDING_TIMEOUT_SEC: wholeNumber(180, 10_000).optional(),
  AWS_DESCRIBE_REQUEST_RETRY_ATTEMPTS: wholeNumber(0, 10).optional(),
  AWS_DESCRIBE_REQUEST_INTERVAL: wholeNumber(0, 10_000).optional(),
  ACCEPT_PROPAGATED_LOG_SETTING: z
    .union([z.boolean(), z.enum(['true', 'false', 'TRUE', 'FALSE', 'True', 'False'])], { error: 'must be true or false' })
    .optional(),
});

const KNOWN_KEYS = new Set(Object.keys(IbmAwsConfigSchema.shape));

/** IBM's default: a machine pending longer than this is terminated. */
const IBM_PENDING_TIMEOUT_SECONDS = 180;

export interface IbmProviderConfiguration {
  /** A configuration document (the shape of config.yaml) defining the instance. */
  readonly document: Record<string, unknown>;
  /** What the operator should know: unknown keys, keys that have no effect here. */
  readonly warnings: readonly string[];
}

/**
 * The configuration document an IBM awsprov_config.json stands for: one `aws` provider
 * instance named after the Host Factory provider (`HF_PROVIDER_NAME`, else `aws`), with the
 * APIs IBM's templates use — RunInstances for on-demand templates, Spot Fleet for spot and
 * heterogeneous ones (those carry a fleetRole) — and nothing else. Invalid values are a
 * ConfigurationError naming the file and the key.
 */
export function configurationFromIbmAwsConfig(file: string, raw: unknown, providerName: string | undefined): IbmProviderConfiguration {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ConfigurationError(`${file}: expected an object of AWS_* keys, as IBM's awsprov_config.json reference describes.`, { details: { file } });
  }
  const parsed = IbmAwsConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${file}: ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigurationError(`Invalid configuration:\n${problems.join('\n')}`, {
      details: { file, issues: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })) },
    });
  }
  const keys = parsed.data;
  const problems: string[] = [];
  if (keys.AWS_PROXY_HOST !== undefined && keys.AWS_PROXY_PORT === undefined) {
    problems.push(`${file}: AWS_PROXY_PORT: is required when AWS_PROXY_HOST is set`);
  }
  let credentialsFile: string | undefined;
  if (keys.AWS_CREDENTIAL_FILE !== undefined) {
    credentialsFile = isAbsolute(keys.AWS_CREDENTIAL_FILE) ? keys.AWS_CREDENTIAL_FILE : resolve(file, '..', keys.AWS_CREDENTIAL_FILE);
    if (!existsSync(credentialsFile)) problems.push(`${file}: AWS_CREDENTIAL_FILE: ${credentialsFile} does not exist`);
  }
  let proxyUrl: string | undefined;
  if (keys.AWS_PROXY_HOST !== undefined && keys.AWS_PROXY_PORT !== undefined) {
    const base = /^https?:\/\//.test(keys.AWS_PROXY_HOST) ? keys.AWS_PROXY_HOST : `http://${keys.AWS_PROXY_HOST}`;
    try {
      const url = new URL(base);
      // Written out in full: URL would drop a port that is the scheme's default (80).
      proxyUrl = `${url.protocol}//${url.hostname}:${keys.AWS_PROXY_PORT}`;
    } catch {
      problems.push(`${file}: AWS_PROXY_HOST: "${keys.AWS_PROXY_HOST}" is not a host name`);
    }
  }
  if (problems.length > 0) {
    throw new ConfigurationError(`Invalid configuration:\n${problems.join('\n')}`, { details: { file, issues: problems } });
  }

  const warnings: string[] = [];
  const unknown = Object.keys(raw).filter((key) => !KNOWN_KEYS.has(key));
  if (keys.AWS_KEY_FILE !== undefined) warnings.push(`${file}: AWS_KEY_FILE is not used: EC2 takes the key pair named by each template's keyName.`);
  if (keys.ACCEPT_PROPAGATED_LOG_SETTING !== undefined) {
    warnings.push(`${file}: ACCEPT_PROPAGATED_LOG_SETTING is not used: the log level is always HF_LOG_LEVEL (or HF_LOGLEVEL).`);
  }
  if (keys.AWS_DESCRIBE_REQUEST_RETRY_ATTEMPTS !== undefined || keys.AWS_DESCRIBE_REQUEST_INTERVAL !== undefined) {
    warnings.push(`${file}: AWS_DESCRIBE_REQUEST_RETRY_ATTEMPTS and AWS_DESCRIBE_REQUEST_INTERVAL are not used: status reads retry like every AWS call, and the next poll reads again.`);
  }
  if (unknown.length > 0) warnings.push(`${file}: unknown keys ${unknown.join(', ')} are ignored.`);

  const name = providerName !== undefined && SAFE_NAME.test(providerName) ? providerName : 'aws';
  const retries = keys.AWS_REQUEST_RETRY_ATTEMPTS;
  const config: Record<string, unknown> = {
    ...(keys.AWS_REGION === undefined ? {} : { region: keys.AWS_REGION }),
    ...(keys.AWS_ENDPOINT_URL === undefined ? {} : { endpoint: keys.AWS_ENDPOINT_URL }),
    ...(credentialsFile === undefined ? {} : { credentials_file: credentialsFile }),
    ...(proxyUrl === undefined ? {} : { proxy_url: proxyUrl }),
    ...(keys.AWS_CONNECTION_TIMEOUT_MS === undefined ? {} : { timeouts: { connection_ms: keys.AWS_CONNECTION_TIMEOUT_MS } }),
    // IBM counts retries after the first try, all told: the SDK's tries and none of ours on top.
    ...(retries === undefined ? {} : { max_attempts: retries + 1, retry: { max_attempts: 1 } }),
    instance_pending_timeout_seconds: keys.AWS_INSTANCE_PENDING_TIMEOUT_SEC ?? IBM_PENDING_TIMEOUT_SECONDS,
    // A template with a fleetRole (IBM's spot and heterogeneous ones) goes to Spot Fleet, any other to RunInstances.
    handlers: { preferred_order: ['SpotFleet', 'RunInstances'], ec2_fleet: { enabled: false }, asg: { enabled: false } },
  };
  return {
    document: {
      providers: {
        default_provider_instance: name,
        providers: [{ name, type: 'aws', capabilities: ['RunInstances', 'SpotFleet'], config }],
      },
    },
    warnings,
  };
}
