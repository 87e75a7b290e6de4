import type { ProviderTemplateV1, TemplateValidationResultV1 } from '@ohf/provider-sdk';
import { ProviderSdkError } from '@ohf/provider-sdk';
import { isSsmImageReference } from '../images/image-resolver.js';
import { selectApi } from '../handlers/select-handler.js';
import { instanceTypeWeights, priceTypeOf } from '../handlers/template-offerings.js';
import type { AwsProviderApi, AwsProviderSettings } from '../aws-settings.js';

const INSTANCE_TYPE_PATTERN = /^[a-z][a-z0-9-]*\.[a-z0-9-]+$/;
const AMI_PATTERN = /^ami-[0-9a-f]{8,17}$/;
const SUBNET_PATTERN = /^subnet-[0-9a-f]{8,17}$/;
const SECURITY_GROUP_PATTERN = /^sg-[0-9a-f]{8,17}$/;
const IAM_ROLE_PATTERN = /^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/;
/** EC2 takes at most 16 KiB of user data, measured after base64 encoding. */
const MAX_USER_DATA_BYTES = 16 * 1024;
const SPOT_FLEET_STRATEGIES = ['capacityOptimized', 'capacityOptimizedPrioritized', 'diversified', 'lowestPrice', 'priceCapacityOptimized'];

type Issue = TemplateValidationResultV1['errors'][number];

/**
 * What this provider instance needs of a template for the API it would use, with the field
 * path of every problem. Errors block a create; warnings name settings that have no effect.
 */
export function validateAwsTemplate(template: ProviderTemplateV1, settings: AwsProviderSettings): TemplateValidationResultV1 {
  const errors: Issue[] = [];
  const warnings: TemplateValidationResultV1['warnings'] = [];
  const error = (field: string, message: string, code: Issue['code'] = 'VALIDATION_ERROR'): void => {
    errors.push({ field, message, ...(code ? { code } : {}) });
  };

  let api: AwsProviderApi | undefined;
  try {
    api = selectApi(template, settings);
  } catch (failure) {
    if (!ProviderSdkError.isInstance(failure)) throw failure;
    error('providerApi', failure.message, failure.code);
  }

  if (!template.launchTemplateId) {
    if (!template.imageId) error('imageId', 'imageId is required (an AMI id or an SSM parameter path) unless launchTemplateId is set');
    else if (!AMI_PATTERN.test(template.imageId) && !isSsmImageReference(template.imageId)) {
      error('imageId', `imageId "${template.imageId}" is neither an AMI id (ami-…) nor an SSM parameter path (/aws/service/…)`);
    }
  }
  const weights = instanceTypeWeights(template);
  if (Object.keys(weights).length === 0) error('vmType', 'vmType or vmTypes is required');
  for (const [type, weight] of Object.entries(weights)) {
    const field = template.vmTypes && type in template.vmTypes ? `vmTypes.${type}` : type === template.vmType ? 'vmType' : `vmTypesOnDemand.${type}`;
    if (!INSTANCE_TYPE_PATTERN.test(type)) error(field, `"${type}" is not an EC2 instance type (e.g. m5.large)`);
    if (!(weight > 0)) error(field, `the weight of ${type} must be positive`);
  }
  (template.subnetIds ?? []).forEach((subnet, index) => {
    if (!SUBNET_PATTERN.test(subnet)) error(`subnetIds[${index}]`, `"${subnet}" is not a subnet id (subnet-…)`);
  });
  (template.securityGroupIds ?? []).forEach((group, index) => {
    if (!SECURITY_GROUP_PATTERN.test(group)) error(`securityGroupIds[${index}]`, `"${group}" is not a security group id (sg-…)`);
  });

  const priceType = priceTypeOf(template);
  if (template.percentOnDemand !== undefined) {
    if (priceType !== 'heterogeneous') error('percentOnDemand', 'percentOnDemand applies only to priceType heterogeneous', 'PRICING_MODEL_UNSUPPORTED');
    else if (template.percentOnDemand < 0 || template.percentOnDemand > 100) error('percentOnDemand', 'percentOnDemand must be between 0 and 100');
  }
  if (template.maxSpotPrice !== undefined && priceType === 'ondemand') {
    warnings.push({ field: 'maxSpotPrice', message: 'maxSpotPrice has no effect on on-demand machines' });
  }
  if (template.allocationStrategy !== undefined && !SPOT_FLEET_STRATEGIES.includes(template.allocationStrategy)) {
    error('allocationStrategy', `allocationStrategy must be one of ${SPOT_FLEET_STRATEGIES.join(', ')}`);
  }
  if (template.allocationStrategyOnDemand !== undefined && !['lowestPrice', 'prioritized'].includes(template.allocationStrategyOnDemand)) {
    error('allocationStrategyOnDemand', 'allocationStrategyOnDemand must be lowestPrice or prioritized');
  }
  if (template.userData && Buffer.byteLength(Buffer.from(template.userData, 'utf8').toString('base64')) > MAX_USER_DATA_BYTES) {
    error('userData', 'userData is larger than the 16 KiB EC2 accepts (after base64 encoding)');
  }

  switch (api) {
    case 'SpotFleet':
      if (!template.fleetRole) error('fleetRole', 'SpotFleet needs fleetRole (the IAM fleet role ARN)');
      else if (!IAM_ROLE_PATTERN.test(template.fleetRole)) error('fleetRole', `"${template.fleetRole}" is not an IAM role ARN`);
      if (template.fleetType === 'instant') error('fleetType', 'SpotFleet has no instant fleets: use request or maintain', 'FLEET_TYPE_INCOMPATIBLE');
      break;
    case 'ASG':
      if ((template.subnetIds ?? []).length === 0) error('subnetIds', 'ASG needs at least one subnet id');
      if (template.fleetType !== undefined) warnings.push({ field: 'fleetType', message: 'fleetType has no effect on Auto Scaling groups' });
      if (template.allocationStrategy === 'diversified') {
        warnings.push({ field: 'allocationStrategy', message: 'Auto Scaling has no diversified strategy: lowest-price over poolsCount pools is used' });
      }
      break;
    case 'RunInstances':
      if (template.fleetType !== undefined) warnings.push({ field: 'fleetType', message: 'fleetType has no effect on RunInstances' });
      if (template.allocationStrategy !== undefined) {
        warnings.push({ field: 'allocationStrategy', message: 'RunInstances tries the instance types in vmTypesPriority order; allocationStrategy has no effect' });
      }
      break;
    case 'EC2Fleet': {
      const fleetType = template.fleetType ?? settings.handlers.ec2_fleet.default_type;
      if (template.spotFleetRequestExpiry !== undefined && fleetType === 'instant') {
        warnings.push({ field: 'spotFleetRequestExpiry', message: 'instant fleets do not expire; spotFleetRequestExpiry has no effect' });
      }
      break;
    }
    default:
      break;
  }
  if (template.poolsCount !== undefined && template.allocationStrategy !== undefined && !['lowestPrice', 'diversified'].includes(template.allocationStrategy)) {
    warnings.push({ field: 'poolsCount', message: 'poolsCount applies only with allocationStrategy lowestPrice' });
  }
  if ((template.subnetIds ?? []).length === 0 && api !== 'ASG') {
    warnings.push({ field: 'subnetIds', message: 'no subnetIds: AWS launches into the default VPC' });
  }
  return { errors, warnings };
}
