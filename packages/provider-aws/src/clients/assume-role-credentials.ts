/** The credential shape every AWS SDK v3 client accepts. */
export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}
export type AwsCredentialsProvider = () => Promise<AwsCredentials>;

export interface AssumeRoleOptions {
  readonly roleArn: string;
  readonly roleSessionName: string;
  readonly externalId?: string;
  readonly durationSeconds: number;
  /** Sends STS AssumeRole with the base credentials and returns its `Credentials`. */
  readonly assumeRole: (input: {
    RoleArn: string;
    RoleSessionName: string;
    ExternalId?: string;
    DurationSeconds: number;
  }) => Promise<{
    Credentials?: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string; Expiration?: Date };
  }>;
  readonly now?: () => number;
}

/** Sessions are renewed this long before they expire, so no call is signed with a dying session. */
const RENEW_BEFORE_EXPIRY_MS = 5 * 60_000;

/**
 * A credential provider that assumes a role through STS and keeps the session until shortly
 * before it expires. Concurrent callers share one AssumeRole call.
 */
export function assumeRoleCredentials(options: AssumeRoleOptions): AwsCredentialsProvider {
  const now = options.now ?? Date.now;
  let current: AwsCredentials | undefined;
  let loading: Promise<AwsCredentials> | undefined;

  const load = async (): Promise<AwsCredentials> => {
    const output = await options.assumeRole({
      RoleArn: options.roleArn,
      RoleSessionName: options.roleSessionName,
      DurationSeconds: options.durationSeconds,
      ...(options.externalId ? { ExternalId: options.externalId } : {}),
    });
    const credentials = output.Credentials;
    if (!credentials?.AccessKeyId || !credentials.SecretAccessKey) {
      throw Object.assign(new Error(`STS AssumeRole returned no credentials for ${options.roleArn}`), {
        name: 'CredentialsProviderError',
      });
    }
    return {
      accessKeyId: credentials.AccessKeyId,
      secretAccessKey: credentials.SecretAccessKey,
      ...(credentials.SessionToken ? { sessionToken: credentials.SessionToken } : {}),
      ...(credentials.Expiration ? { expiration: credentials.Expiration } : {}),
    };
  };

  return async () => {
    if (current && (!current.expiration || current.expiration.getTime() - RENEW_BEFORE_EXPIRY_MS > now())) {
      return current;
    }
    loading ??= load().finally(() => {
      loading = undefined;
    });
    current = await loading;
    return current;
  };
}
