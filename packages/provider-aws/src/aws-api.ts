import { ProviderSdkError, retryWithBackoff } from '@ohf/provider-sdk';
import type { PlannedCallV1, ProviderLoggerV1, RetryPolicy } from '@ohf/provider-sdk';
import { classifyAwsError } from './aws-errors.js';
import type { AwsProviderSettings } from './aws-settings.js';
import { readAnswerWith } from './clients/answer-reader.js';
import type { AnswerReader } from './clients/answer-reader.js';
import { assumeRoleCredentials } from './clients/assume-role-credentials.js';
import type { AwsCredentials, AwsCredentialsProvider } from './clients/assume-role-credentials.js';
import { CLIENT_CLASS_NAME, loadAwsSdkModule, loadDescribeOnlyEc2Module } from './clients/aws-services.js';
import type { AwsSdkModule, AwsService } from './clients/aws-services.js';
import { SDK_CLIENT_LOGGER } from './clients/sdk-client-logger.js';

export interface AwsApiOptions {
  readonly settings: AwsProviderSettings;
  readonly region: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly logger?: ProviderLoggerV1;
  /** Test hooks for the backoff between our own retries. */
  readonly sleep?: RetryPolicy['sleep'];
  readonly random?: RetryPolicy['random'];
  readonly now?: () => number;
}

/**
 * Calls that launch machines. A 5xx answer may have acted, so only throttling (which did not)
 * is repeated; the next attempt of the request finds by its tags what was launched.
 */
const LAUNCH_OPERATIONS: ReadonlySet<string> = new Set(['EC2.RunInstances', 'EC2.CreateFleet', 'EC2.RequestSpotFleet', 'AutoScaling.CreateAutoScalingGroup']);
const onlyThrottling = (error: unknown): boolean => ProviderSdkError.isInstance(error) && error.code === 'RATE_LIMIT_EXCEEDED';

export interface AwsSendOptions {
  readonly signal?: AbortSignal;
  /** False for calls that must not be repeated blindly (they have no idempotency token). */
  readonly retry?: boolean;
  /** Named in the normalized error when the call fails. */
  readonly instanceType?: string;
  readonly location?: string;
  /**
   * Reads a successful answer's body instead of the SDK's deserializer, for the large answers
   * of which this provider maps a few fields (errors are still the SDK's).
   */
  readonly readAnswer?: AnswerReader;
}

interface LoadedService {
  readonly module: AwsSdkModule;
  readonly client: { send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>; destroy(): void };
}

type CommandConstructor = new (input: object) => unknown;

/**
 * Sends AWS SDK v3 commands by service and operation name: clients are created on first
 * use, throttling, 5xx, network errors and timeouts are retried with backoff (the only retry
 * layer: the SDK's own is off) within one time budget per call, and every failure comes out as
 * a normalized provider error.
 */
export class AwsApi {
  readonly #options: AwsApiOptions;
  /** By service, and `EC2:describe` for the describe-only EC2 client. */
  readonly #services = new Map<string, Promise<LoadedService>>();
  #credentials: AwsCredentialsProvider | undefined;
  #agent: Promise<unknown> | undefined;

  constructor(options: AwsApiOptions) {
    this.#options = options;
  }

  get region(): string {
    return this.#options.region;
  }

  async send<Output>(service: AwsService, operation: string, input: object, options: AwsSendOptions = {}): Promise<Output> {
    const loaded = await this.#service(service, operation);
    const Command = loaded.module[`${operation}Command`] as CommandConstructor | undefined;
    if (typeof Command !== 'function') throw new TypeError(`The AWS SDK has no ${service} operation ${operation}`);
    const { retry, timeouts } = this.#options.settings;
    const key = `${service}.${operation}`;
    const now = this.#options.now ?? Date.now;
    // One budget for the whole call, tries and waits alike: the SDK makes a single try each
    // time (its own retries are off), and no try starts or outlives the budget.
    const deadline = retry.budget_ms > 0 ? now() + retry.budget_ms : undefined;
    const attempt = async (): Promise<Output> => {
      const tryMs = deadline === undefined ? timeouts.request_ms : Math.max(1, Math.min(timeouts.request_ms, deadline - now()));
      const tryTimeout = AbortSignal.timeout(tryMs);
      const abortSignal = options.signal ? AbortSignal.any([options.signal, tryTimeout]) : tryTimeout;
      const context = {
        operation: key,
        ...(options.instanceType === undefined ? {} : { instanceType: options.instanceType }),
        ...(options.location === undefined ? {} : { location: options.location }),
      };
      try {
        const command = new Command(input);
        if (options.readAnswer) readAnswerWith(command as Parameters<typeof readAnswerWith>[0], options.readAnswer);
        return (await loaded.client.send(command, { abortSignal })) as Output;
      } catch (error) {
        if (tryTimeout.aborted && !options.signal?.aborted) {
          throw classifyAwsError(Object.assign(new Error(`AWS did not answer ${key} within ${tryMs} ms`), { name: 'TimeoutError' }), context);
        }
        throw classifyAwsError(error, context);
      }
    };
    return retryWithBackoff(attempt, {
      maxAttempts: options.retry === false ? 1 : retry.max_attempts,
      baseDelayMs: retry.base_delay_ms,
      maxDelayMs: retry.max_delay_ms,
      budgetMs: retry.budget_ms,
      now,
      ...(deadline === undefined ? {} : { deadline }),
      ...(this.#options.sleep ? { sleep: this.#options.sleep } : {}),
      ...(this.#options.random ? { random: this.#options.random } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
      ...(LAUNCH_OPERATIONS.has(key) ? { shouldRetry: onlyThrottling } : {}),
      onRetry: ({ attempt: number, delayMs, error }) =>
        this.#options.logger?.warn({ operation: key, attempt: number, delayMs, code: (error as { code?: string }).code }, 'AWS call retried'),
    });
  }

  /** Releases the clients' sockets. */
  async dispose(): Promise<void> {
    const services = [...this.#services.values()];
    this.#services.clear();
    for (const service of await Promise.allSettled(services)) {
      if (service.status === 'fulfilled') service.value.client.destroy();
    }
  }

  /**
   * The client for one operation: a status poll's describe calls go through the describe-only
   * EC2 client (unless a client of the whole EC2 module exists already), the rest through the
   * service's whole SDK module.
   */
  #service(service: AwsService, operation: string): Promise<LoadedService> {
    const describeOnly = service === 'EC2' && !this.#services.has(service) ? loadDescribeOnlyEc2Module(operation) : undefined;
    const key = describeOnly ? 'EC2:describe' : service;
    let loaded = this.#services.get(key);
    if (!loaded) {
      loaded = this.#createService(service, describeOnly);
      // A failed import must not be remembered: the next call tries again.
      loaded.catch(() => this.#services.delete(key));
      this.#services.set(key, loaded);
    }
    return loaded;
  }

  async #createService(service: AwsService, describeOnly?: AwsSdkModule): Promise<LoadedService> {
    const module = describeOnly ?? (await loadAwsSdkModule(service));
    const Client = module[CLIENT_CLASS_NAME[service]] as new (config: object) => LoadedService['client'];
    const credentials = await this.#credentialsProvider();
    // The Price List API answers from a few regions only, whatever region it prices.
    const region = service === 'Pricing' ? this.#options.settings.pricing.region : this.#options.region;
    return { module, client: new Client(this.#clientConfig(credentials, await this.#proxyAgent(), region)) };
  }

  /** One tunnelling agent for every client of this instance, created when a proxy is configured. */
  #proxyAgent(): Promise<unknown> {
    const proxyUrl = this.#options.settings.proxy_url;
    if (!proxyUrl) return Promise.resolve(undefined);
    this.#agent ??= import('https-proxy-agent').then(({ HttpsProxyAgent }) => new HttpsProxyAgent(proxyUrl, { keepAlive: true }));
    return this.#agent;
  }

  #clientConfig(credentials: AwsCredentialsProvider | AwsCredentials | undefined, proxyAgent?: unknown, region = this.#options.region): object {
    const { settings } = this.#options;
    return {
      region,
      // Every retry is ours, counted in retry.max_attempts and retry.budget_ms: SDK retries would multiply them.
      maxAttempts: 1,
      logger: SDK_CLIENT_LOGGER,
      requestHandler: {
        connectionTimeout: settings.timeouts.connection_ms,
        requestTimeout: settings.timeouts.request_ms,
        // Without it the handler only logs a warning when requestTimeout passes and keeps waiting.
        throwOnRequestTimeout: true,
        // CONNECT through the proxy whatever the endpoint's scheme (an emulator may speak plain HTTP).
        ...(proxyAgent ? { httpsAgent: proxyAgent, httpAgent: proxyAgent } : {}),
      },
      ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
      ...(settings.profile && !credentials ? { profile: settings.profile } : {}),
      ...(credentials ? { credentials } : {}),
    };
  }

  /**
   * The `credentials_file` profile, else static keys from an injected environment, else nothing:
   * the SDK's default chain (environment, shared files with `profile`, SSO, container and
   * instance roles). With `role_arn`, those are the base credentials of the assumed role.
   */
  async #credentialsProvider(): Promise<AwsCredentialsProvider | undefined> {
    if (this.#credentials) return this.#credentials;
    const { settings } = this.#options;
    const fromFile = settings.credentials_file ? await this.#fileCredentials(settings.credentials_file) : undefined;
    const fromEnvironment = this.#environmentCredentials();
    const base: AwsCredentialsProvider | undefined = fromFile ?? (fromEnvironment ? async () => fromEnvironment : undefined);
    if (!settings.role_arn) {
      this.#credentials = base;
      return this.#credentials;
    }
    const sts = await loadAwsSdkModule('STS');
    const StsClient = sts['STSClient'] as new (config: object) => LoadedService['client'];
    const AssumeRoleCommand = sts['AssumeRoleCommand'] as CommandConstructor;
    const baseClient = new StsClient({
      ...this.#clientConfig(base, await this.#proxyAgent()),
      ...(settings.profile && !base ? { profile: settings.profile } : {}),
    });
    this.#credentials = assumeRoleCredentials({
      roleArn: settings.role_arn,
      roleSessionName: settings.role_session_name,
      durationSeconds: settings.role_duration_seconds,
      ...(settings.external_id ? { externalId: settings.external_id } : {}),
      ...(this.#options.now ? { now: this.#options.now } : {}),
      assumeRole: async (input) => {
        try {
          return (await baseClient.send(new AssumeRoleCommand(input))) as Awaited<ReturnType<Parameters<typeof assumeRoleCredentials>[0]['assumeRole']>>;
        } catch (error) {
          throw classifyAwsError(error, { operation: 'STS.AssumeRole' });
        }
      },
    });
    return this.#credentials;
  }

  /** The SDK's own INI reader (profiles, session tokens, `~`), pointed at this file; loaded only when configured. */
  async #fileCredentials(filepath: string): Promise<AwsCredentialsProvider> {
    const { fromIni } = await import('@aws-sdk/credential-provider-ini');
    const profile = this.#options.settings.profile ?? 'default';
    const provider = fromIni({ filepath, profile });
    return async () => {
      try {
        return await provider();
      } catch (error) {
        // Name the file and profile, never what was read from it.
        throw classifyAwsError(
          Object.assign(new Error(`Cannot read credentials of profile "${profile}" from ${filepath}: ${(error as Error).message}`), {
            name: 'CredentialsProviderError',
          }),
          { operation: 'credentials_file' },
        );
      }
    };
  }

  #environmentCredentials(): AwsCredentials | undefined {
    // Only an injected environment is read here; process.env is the SDK default chain's job.
    const { env } = this.#options;
    if (env === process.env) return undefined;
    const accessKeyId = env['AWS_ACCESS_KEY_ID'];
    const secretAccessKey = env['AWS_SECRET_ACCESS_KEY'];
    if (!accessKeyId || !secretAccessKey) return undefined;
    const sessionToken = env['AWS_SESSION_TOKEN'];
    return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
  }
}

/**
 * One provider call's view of AWS: in a dry run, mutating calls are recorded as planned
 * calls instead of being sent; reads that a plan depends on are still sent.
 */
export class AwsCallScope {
  readonly plannedCalls: PlannedCallV1[] = [];
  readonly #api: AwsApi;
  readonly dryRun: boolean;
  readonly signal: AbortSignal | undefined;

  constructor(api: AwsApi, options: { dryRun?: boolean; signal?: AbortSignal } = {}) {
    this.#api = api;
    this.dryRun = options.dryRun === true;
    this.signal = options.signal;
  }

  get region(): string {
    return this.#api.region;
  }

  /** A call that reads only. */
  read<Output>(service: AwsService, operation: string, input: object, options: AwsSendOptions = {}): Promise<Output> {
    return this.#api.send<Output>(service, operation, input, this.#withSignal(options));
  }

  /** A call that changes the cloud: planned in a dry run (and `undefined` returned), sent otherwise. */
  async write<Output>(
    service: AwsService,
    operation: string,
    input: object,
    options: AwsSendOptions = {},
  ): Promise<Output | undefined> {
    if (this.dryRun) {
      this.plannedCalls.push({ service, operation, input: structuredClone(input) });
      return undefined;
    }
    return this.#api.send<Output>(service, operation, input, this.#withSignal(options));
  }

  #withSignal(options: AwsSendOptions): AwsSendOptions {
    return this.signal && !options.signal ? { ...options, signal: this.signal } : options;
  }
}
