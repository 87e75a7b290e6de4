import { z } from 'zod';

/** The AWS APIs this provider provisions through, in the default order of preference. */
export const AWS_PROVIDER_APIS = ['EC2Fleet', 'ASG', 'SpotFleet', 'RunInstances'] as const;
export type AwsProviderApi = (typeof AWS_PROVIDER_APIS)[number];

const ec2FleetSettingsSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Fleet type used when a template names none. */
    default_type: z.enum(['instant', 'request', 'maintain']).default('instant'),
    /** Upper bound of the spot share of a heterogeneous fleet whose template gives no percentOnDemand. */
    max_spot_percentage: z.number().min(0).max(100).default(50),
  })
  .strict();

const asgSettingsSchema = z
  .object({
    enabled: z.boolean().default(true),
    default_min_size: z.number().int().min(0).default(0),
    /** MaxSize of a new group; raised to the requested count when that is larger. */
    default_max_size: z.number().int().positive().default(100),
    health_check_type: z.enum(['EC2', 'ELB']).default('EC2'),
    /** Seconds before the group starts health-checking a new machine. */
    health_check_grace_period: z.number().int().min(0).default(300),
  })
  .strict();

const spotFleetSettingsSchema = z
  .object({
    enabled: z.boolean().default(true),
    /** Allocation strategy used when a template names none. */
    allocation_strategy: z
      .enum(['capacityOptimized', 'capacityOptimizedPrioritized', 'diversified', 'lowestPrice', 'priceCapacityOptimized'])
      .default('lowestPrice'),
    /**
     * Accepted for compatibility with existing configuration files: the request's count is the
     * fleet's TargetCapacity.
     */
    target_capacity: z.number().int().positive().default(10),
    /** Minutes until a request expires when the template gives no spotFleetRequestExpiry. */
    default_expiry_minutes: z.number().int().positive().default(30),
  })
  .strict();

const runInstancesSettingsSchema = z
  .object({
    enabled: z.boolean().default(true),
    max_instances_per_call: z.number().int().min(1).max(1000).default(20),
  })
  .strict();

const handlersSettingsSchema = z
  .object({
    preferred_order: z.array(z.enum(AWS_PROVIDER_APIS)).min(1).default([...AWS_PROVIDER_APIS]),
    ec2_fleet: ec2FleetSettingsSchema.default(ec2FleetSettingsSchema.parse({})),
    asg: asgSettingsSchema.default(asgSettingsSchema.parse({})),
    spot_fleet: spotFleetSettingsSchema.default(spotFleetSettingsSchema.parse({})),
    run_instances: runInstancesSettingsSchema.default(runInstancesSettingsSchema.parse({})),
  })
  .strict();

const retrySettingsSchema = z
  .object({
    /** Tries of one AWS call in all: the SDK makes one try each time, so nothing multiplies them. */
    max_attempts: z.number().int().min(1).max(20).default(4),
    base_delay_ms: z.number().int().min(0).default(200),
    max_delay_ms: z.number().int().min(0).default(20_000),
    /** Time one AWS call may take in all, tries and waits: no try starts or runs past it (0: no retries, each try bounded by timeouts.request_ms). */
    budget_ms: z.number().int().min(0).default(60_000),
  })
  .strict();

const timeoutSettingsSchema = z
  .object({
    connection_ms: z.number().int().positive().default(5_000),
    request_ms: z.number().int().positive().default(30_000),
  })
  .strict();

const cloudWatchSettingsSchema = z
  .object({
    enabled: z.boolean().default(false),
    namespace: z.string().min(1).max(255).default('OpenHostFactory'),
  })
  .strict();

const pricingSettingsSchema = z
  .object({
    /** False: no Price List API call; sizes carry spot prices only. */
    enabled: z.boolean().default(true),
    /** Where the Price List Query API is called (it answers in us-east-1, eu-central-1, ap-south-1). */
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'pricing.region must look like us-east-1').default('us-east-1'),
  })
  .strict();

/** The `config:` block of an `aws` provider instance (snake_case, like the rest of config.yaml). */
export const AwsProviderSettingsSchema = z
  .object({
    /** Defaults to AWS_REGION / AWS_DEFAULT_REGION from the environment. */
    region: z.string().regex(/^[a-z]{2}(-[a-z]+)+-\d+$/, 'region must look like us-east-1').optional(),
    /** A named profile of the shared AWS config files; without it the default credential chain is used. */
    profile: z.string().min(1).nullish(),
    /**
     * An AWS shared credentials file (INI, `[default]` with aws_access_key_id and
     * aws_secret_access_key): when set, its `profile` section (default `default`) signs every
     * call, before any key in the environment. IBM's AWS_CREDENTIAL_FILE.
     */
    credentials_file: z.string().min(1).nullish(),
    /**
     * An HTTP(S) proxy every AWS call goes through (`http://proxy.example.com:3128`, user and
     * password in the URL when the proxy needs them): a CONNECT tunnel, so TLS stays end to end.
     * IBM's AWS_PROXY_HOST and AWS_PROXY_PORT.
     */
    proxy_url: z.url({ protocol: /^https?$/, error: 'proxy_url must be an http:// or https:// URL' }).nullish(),
    /**
     * Seconds a machine may stay `pending` at EC2 after its launch: one pending longer is
     * terminated and reported `failed` (IBM's AWS_INSTANCE_PENDING_TIMEOUT_SEC). Unset: no limit.
     */
    instance_pending_timeout_seconds: z.number().int().positive().nullish(),
    /** Assume this role (STS AssumeRole) with the base credentials before every call. */
    role_arn: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, 'role_arn must be an IAM role ARN').nullish(),
    role_session_name: z.string().min(2).max(64).regex(/^[\w+=,.@-]+$/).default('open-host-factory'),
    external_id: z.string().min(2).max(1224).nullish(),
    /** Seconds an assumed-role session lasts. */
    role_duration_seconds: z.number().int().min(900).max(43_200).default(3_600),
    /** One URL for every service (LocalStack, moto and other emulators). */
    endpoint: z.url().nullish(),
    /**
     * Accepted so existing configuration files still load; it no longer sets anything: the SDK's
     * own retries are off and every try is counted in `retry.max_attempts` and `retry.budget_ms`.
     */
    max_attempts: z.number().int().min(1).max(20).default(3),
    retry: retrySettingsSchema.default(retrySettingsSchema.parse({})),
    timeouts: timeoutSettingsSchema.default(timeoutSettingsSchema.parse({})),
    handlers: handlersSettingsSchema.default(handlersSettingsSchema.parse({})),
    cloudwatch: cloudWatchSettingsSchema.default(cloudWatchSettingsSchema.parse({})),
    /** On-demand prices of the catalog, from the AWS Price List Query API. */
    pricing: pricingSettingsSchema.default(pricingSettingsSchema.parse({})),
    /** Prefix of the launch templates and Auto Scaling groups this provider creates. */
    resource_prefix: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/).default('ohf'),
  })
  .strict();

export type AwsProviderSettings = z.output<typeof AwsProviderSettingsSchema>;
export type AwsProviderSettingsInput = z.input<typeof AwsProviderSettingsSchema>;
