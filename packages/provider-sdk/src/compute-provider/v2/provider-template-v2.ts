import { z } from 'zod';
import { ProviderTemplateV1Schema, type ProviderTemplateV1 } from '../v1/provider-template-v1.js';

/**
 * The template fields only AWS understands: subnets, security groups and key pairs, EC2 Fleet
 * and Spot Fleet settings, allocation strategies, spot prices, EBS and IAM. Spec v1 has them
 * top-level; in spec v2 they live under `providerOptions.aws`, so the neutral template names
 * no cloud. (Every other cloud's own fields already live under `providerOptions.<cloud>`.)
 */
export const AWS_TEMPLATE_FIELDS = [
  'vmTypesOnDemand',
  'vmTypesPriority',
  'percentOnDemand',
  'allocationStrategy',
  'allocationStrategyOnDemand',
  'subnetIds',
  'securityGroupIds',
  'keyName',
  'fleetRole',
  'maxSpotPrice',
  'spotFleetRequestExpiry',
  'poolsCount',
  'rootDeviceVolumeSize',
  'volumeType',
  'iops',
  'instanceProfile',
  'launchTemplateId',
] as const satisfies readonly (keyof typeof ProviderTemplateV1Schema.shape)[];
export type AwsTemplateField = (typeof AWS_TEMPLATE_FIELDS)[number];

const awsFieldMask = Object.fromEntries(AWS_TEMPLATE_FIELDS.map((field) => [field, true])) as { [Field in AwsTemplateField]: true };

/** `providerOptions.aws` of a v2 template: the v1 AWS fields, with the same rules, all optional; other keys are kept. */
export const AwsTemplateOptionsV2Schema = ProviderTemplateV1Schema.pick(awsFieldMask).partial().loose();
export type AwsTemplateOptionsV2 = z.input<typeof AwsTemplateOptionsV2Schema>;

/**
 * The neutral template of spec v2: what every cloud understands (id, limit, attributes, API,
 * image, machine types, pricing model, fleet type, tags, user data) and `providerOptions`
 * keyed by provider type, AWS's fields under `providerOptions.aws`.
 */
export const ProviderTemplateV2Schema = ProviderTemplateV1Schema.omit(awsFieldMask).extend({
  providerOptions: z
    .object({ aws: AwsTemplateOptionsV2Schema.optional() })
    .catchall(z.record(z.string(), z.unknown()))
    .default({}),
});
export type ProviderTemplateV2 = z.input<typeof ProviderTemplateV2Schema>;

function isAwsTemplateField(key: string): key is AwsTemplateField {
  return Object.prototype.hasOwnProperty.call(awsFieldMask, key);
}

/**
 * A v1 template in the v2 form: its top-level AWS fields move under `providerOptions.aws`.
 * A value already under `providerOptions.aws` wins over the top-level one (it is the more
 * specific place); other providers' options are kept as they are.
 */
export function templateV1ToV2(template: ProviderTemplateV1): ProviderTemplateV2 {
  const neutral: Record<string, unknown> = {};
  const aws: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(template)) {
    if (key === 'providerOptions' || value === undefined) continue;
    if (isAwsTemplateField(key)) aws[key] = value;
    else neutral[key] = value;
  }
  const providerOptions: Record<string, Record<string, unknown>> = { ...template.providerOptions };
  const awsOptions = { ...aws, ...providerOptions['aws'] };
  if (Object.keys(awsOptions).length > 0) providerOptions['aws'] = awsOptions;
  return { ...neutral, providerOptions } as ProviderTemplateV2;
}

/**
 * A v2 template in the v1 form, for providers written against spec v1: the AWS fields of
 * `providerOptions.aws` become top-level fields again. Keys of `providerOptions.aws` that are
 * not template fields stay there, so nothing a provider was given is lost.
 */
export function templateV2ToV1(template: ProviderTemplateV2): ProviderTemplateV1 {
  const { providerOptions = {}, ...neutral } = template;
  const { aws, ...otherProviders } = providerOptions;
  const flat: Record<string, unknown> = {};
  const awsRest: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(aws ?? {})) {
    if (value === undefined) continue;
    if (isAwsTemplateField(key)) flat[key] = value;
    else awsRest[key] = value;
  }
  const v1ProviderOptions: Record<string, Record<string, unknown>> = { ...(otherProviders as Record<string, Record<string, unknown>>) };
  if (Object.keys(awsRest).length > 0) v1ProviderOptions['aws'] = awsRest;
  return { ...neutral, ...flat, providerOptions: v1ProviderOptions } as ProviderTemplateV1;
}
