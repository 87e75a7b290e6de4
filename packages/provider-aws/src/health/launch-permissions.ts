import type { RunInstancesCommandInput, _InstanceType } from '@aws-sdk/client-ec2';
import { ProviderSdkError } from '@ohf/provider-sdk';
import type { ProviderTemplateV1 } from '@ohf/provider-sdk';
import type { AwsCallScope } from '../aws-api.js';
import type { AwsProviderSettings } from '../aws-settings.js';
import type { ImageResolver } from '../images/image-resolver.js';
import { launchParametersOf } from '../launch-template/launch-template-data.js';
import { offeringsOf } from '../handlers/template-offerings.js';
import { resourceTags, tagSpecifications } from '../tags/aws-tags.js';
import { launchableTemplate } from '../validation/launchable-template.js';

/** What a dry-run RunInstances of one template found. */
export interface LaunchPermissionCheck {
  readonly templateId: string;
  /**
   * `permitted`: AWS would launch it (it answered DryRunOperation); `forbidden`: the credentials
   * lack a permission; `rejected`: AWS (or the template check before it) refused the parameters.
   */
  readonly status: 'permitted' | 'forbidden' | 'rejected';
  readonly message: string;
  /** The IAM action to grant, when `forbidden`. */
  readonly missingPermission?: string;
  /** AWS's own error code (DryRunOperation, UnauthorizedOperation, InvalidAMIID.NotFound…). */
  readonly awsErrorCode?: string;
}

/**
 * Sends RunInstances with DryRun for one machine of the template (its image, first instance
 * type and subnet, security groups, key, instance profile and tags): AWS checks the
 * permissions and the parameters and launches nothing. Errors come back normalized (and,
 * through the provider, redacted), so the caller only sorts them.
 */
export async function sendLaunchDryRun(
  scope: AwsCallScope,
  template: ProviderTemplateV1,
  settings: AwsProviderSettings,
  instanceName: string,
  images: ImageResolver,
): Promise<void> {
  const launchable = launchableTemplate(template, settings, instanceName);
  const [offering] = offeringsOf(launchable);
  const parameters = launchable.launchTemplateId ? undefined : await launchParametersOf(scope, launchable, images);
  const tags = resourceTags({}, launchable.instanceTags);
  const input: RunInstancesCommandInput = {
    DryRun: true,
    MinCount: 1,
    MaxCount: 1,
    ...(launchable.launchTemplateId ? { LaunchTemplate: { LaunchTemplateId: launchable.launchTemplateId, Version: '$Default' } } : {}),
    ...(parameters ? { ImageId: parameters.imageId } : {}),
    ...(offering ? { InstanceType: offering.instanceType as _InstanceType } : {}),
    ...(offering?.subnetId ? { SubnetId: offering.subnetId } : {}),
    ...(parameters?.keyName ? { KeyName: parameters.keyName } : {}),
    ...(parameters && parameters.securityGroupIds.length > 0 ? { SecurityGroupIds: [...parameters.securityGroupIds] } : {}),
    ...(parameters?.iamInstanceProfile ? { IamInstanceProfile: parameters.iamInstanceProfile } : {}),
    ...(tags.length > 0 ? { TagSpecifications: tagSpecifications(['instance', 'volume'], tags) } : {}),
  };
  // A dry run changes nothing, so it is sent even from a dry-run scope; one answer is enough.
  await scope.read('EC2', 'RunInstances', input, { retry: false });
}

/** What AWS answers when the credentials lack the permission (not a refused parameter such as a bad instance profile). */
const MISSING_PERMISSION_CODES = new Set(['UnauthorizedOperation', 'AccessDenied', 'AccessDeniedException']);

/** Sorts what a dry-run RunInstances threw (already normalized) into a check result. */
export function launchPermissionCheckOf(templateId: string, error: unknown): LaunchPermissionCheck {
  const awsErrorCode = ProviderSdkError.isInstance(error) && typeof error.details['awsErrorCode'] === 'string' ? error.details['awsErrorCode'] : undefined;
  const message = error instanceof Error ? error.message : String(error);
  if (awsErrorCode === 'DryRunOperation') {
    return { templateId, status: 'permitted', message: 'a dry-run RunInstances succeeded: the credentials may launch this template', awsErrorCode };
  }
  if (awsErrorCode !== undefined && MISSING_PERMISSION_CODES.has(awsErrorCode)) {
    return {
      templateId,
      status: 'forbidden',
      message: `the credentials may not launch this template: grant ec2:RunInstances (and ec2:CreateTags, iam:PassRole for an instance profile); AWS said: ${message}`,
      missingPermission: 'ec2:RunInstances',
      ...(awsErrorCode === undefined ? {} : { awsErrorCode }),
    };
  }
  return { templateId, status: 'rejected', message, ...(awsErrorCode === undefined ? {} : { awsErrorCode }) };
}
