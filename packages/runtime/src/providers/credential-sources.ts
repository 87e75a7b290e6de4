import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

type Environment = Readonly<Record<string, string | undefined>>;

/** Where an instance's credentials would come from. Never the secret itself. */
export interface CredentialSource {
  /** `found`: a source is there; `missing`: none, calls would fail; `unverifiable`: only a call can tell. */
  readonly state: 'found' | 'missing' | 'unverifiable';
  readonly source: string;
  /** What to do about it, when something must be done. */
  readonly fix?: string;
}

const set = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';

function iniHasSection(file: string, sections: readonly string[]): boolean {
  try {
    const text = readFileSync(file, 'utf8');
    return sections.some((section) => new RegExp(`^\\s*\\[\\s*${section.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*\\]`, 'm').test(text));
  } catch {
    return false;
  }
}

/** The AWS SDK's default chain, in its order, as far as it can be known without calling AWS. */
function awsSource(settings: Readonly<Record<string, unknown>>, environment: Environment): CredentialSource {
  const role = set(settings.role_arn) ? ` then assumes role ${settings.role_arn}` : '';
  if (set(settings.credentials_file)) {
    const profile = set(settings.profile) ? settings.profile : 'default';
    return existsSync(settings.credentials_file) && iniHasSection(settings.credentials_file, [profile])
      ? { state: 'found', source: `credentials file ${settings.credentials_file} [${profile}]${role}` }
      : { state: 'missing', source: `credentials file ${settings.credentials_file} [${profile}]`, fix: `create ${settings.credentials_file} with a [${profile}] section (aws_access_key_id, aws_secret_access_key)` };
  }
  const profile = set(settings.profile) ? settings.profile : set(environment.AWS_PROFILE) ? environment.AWS_PROFILE : undefined;
  if (profile === undefined && set(environment.AWS_ACCESS_KEY_ID) && set(environment.AWS_SECRET_ACCESS_KEY)) {
    return { state: 'found', source: `environment (AWS_ACCESS_KEY_ID${set(environment.AWS_SESSION_TOKEN) ? ', AWS_SESSION_TOKEN' : ''})${role}` };
  }
  const home = set(environment.HOME) ? environment.HOME : homedir();
  const credentialsFile = set(environment.AWS_SHARED_CREDENTIALS_FILE) ? environment.AWS_SHARED_CREDENTIALS_FILE : join(home, '.aws', 'credentials');
  const configFile = set(environment.AWS_CONFIG_FILE) ? environment.AWS_CONFIG_FILE : join(home, '.aws', 'config');
  const wanted = profile ?? 'default';
  if (iniHasSection(credentialsFile, [wanted])) return { state: 'found', source: `profile ${wanted} in ${credentialsFile}${role}` };
  if (iniHasSection(configFile, [wanted === 'default' ? 'default' : `profile ${wanted}`])) return { state: 'found', source: `profile ${wanted} in ${configFile} (SSO, role or process credentials)${role}` };
  if (profile !== undefined) {
    return { state: 'missing', source: `profile ${profile}`, fix: `add a [${profile}] section to ${credentialsFile} (or run: aws configure --profile ${profile})` };
  }
  if (set(environment.AWS_WEB_IDENTITY_TOKEN_FILE)) return { state: 'found', source: `web identity token ${environment.AWS_WEB_IDENTITY_TOKEN_FILE}${role}` };
  if (set(environment.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI) || set(environment.AWS_CONTAINER_CREDENTIALS_FULL_URI)) {
    return { state: 'found', source: `container credentials (ECS task role)${role}` };
  }
  return {
    state: 'unverifiable',
    source: `EC2 instance metadata (an instance profile), the last resort of the chain: no key in the environment and no profile in ${credentialsFile}${role}`,
    fix: 'on EC2 attach an instance profile; elsewhere set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or config.profile',
  };
}

function tokenSource(settings: Readonly<Record<string, unknown>>, environment: Environment, variable: string): CredentialSource {
  if (set(settings.token)) return { state: 'found', source: 'config.token in the configuration' };
  if (set(environment[variable])) return { state: 'found', source: `environment ${variable}` };
  return { state: 'missing', source: `no token (config.token, else ${variable})`, fix: `export ${variable}=<a personal access token>, or set config.token: "\${${variable}}"` };
}

/** The credential source an instance of `type` would use with these settings and environment. */
export function credentialSourceOf(type: string, settings: Readonly<Record<string, unknown>>, environment: Environment): CredentialSource {
  switch (type) {
    case 'aws':
      return awsSource(settings, environment);
    case 'linode':
      return tokenSource(settings, environment, set(settings.tokenEnvironmentVariable) ? settings.tokenEnvironmentVariable : 'LINODE_TOKEN');
    case 'digitalocean':
      return tokenSource(settings, environment, 'DIGITALOCEAN_TOKEN');
    case 'memory':
      return { state: 'found', source: 'none needed (the in-memory test cloud)' };
    default:
      return { state: 'unverifiable', source: `the ${type} provider's own settings` };
  }
}

/**
 * Why an instance of `type` cannot sign its calls, when no credential source can be found; the
 * same words wherever an instance is judged (provider lists, validation, readiness). Never a
 * secret: only where the credentials were looked for and how to provide them.
 */
export function missingCredentialsOf(type: string, settings: Readonly<Record<string, unknown>>, environment: Environment): string | undefined {
  const credentials = credentialSourceOf(type, settings, environment);
  if (credentials.state !== 'missing') return undefined;
  return `no credentials: ${credentials.source} not found${credentials.fix ? `; ${credentials.fix}` : ''}`;
}
