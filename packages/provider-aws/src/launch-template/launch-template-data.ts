import type { LaunchTemplateBlockDeviceMappingRequest, RequestLaunchTemplateData, VolumeType } from '@aws-sdk/client-ec2';
import type { AwsCallScope } from '../aws-api.js';
import type { ImageResolver } from '../images/image-resolver.js';
import type { AwsTemplate } from '../handlers/template-offerings.js';
import { encodeUserData, iamInstanceProfile } from '../handlers/template-offerings.js';
import type { AwsTag } from '../tags/aws-tags.js';
import { tagSpecifications } from '../tags/aws-tags.js';

/** What a launch (template, RunInstances call) needs besides the instance type and subnet. */
export interface LaunchParameters {
  readonly imageId: string;
  readonly keyName?: string;
  readonly securityGroupIds: string[];
  readonly userData?: string;
  readonly iamInstanceProfile?: { Arn: string } | { Name: string };
  readonly blockDeviceMappings?: LaunchTemplateBlockDeviceMappingRequest[];
}

export async function launchParametersOf(
  scope: AwsCallScope,
  template: AwsTemplate,
  images: ImageResolver,
): Promise<LaunchParameters> {
  const imageId = await images.resolve(scope, template.imageId ?? '');
  const wantsRootVolume =
    template.rootDeviceVolumeSize !== undefined || template.volumeType !== undefined || template.iops !== undefined;
  const blockDeviceMappings: LaunchTemplateBlockDeviceMappingRequest[] | undefined = wantsRootVolume
    ? [
        {
          DeviceName: await images.rootDeviceName(scope, imageId),
          Ebs: {
            DeleteOnTermination: true,
            ...(template.rootDeviceVolumeSize === undefined ? {} : { VolumeSize: template.rootDeviceVolumeSize }),
            ...(template.volumeType === undefined ? {} : { VolumeType: template.volumeType as VolumeType }),
            ...(template.iops === undefined ? {} : { Iops: template.iops }),
          },
        },
      ]
    : undefined;
  return {
    imageId,
    securityGroupIds: template.securityGroupIds,
    ...(template.keyName ? { keyName: template.keyName } : {}),
    ...(template.userData ? { userData: encodeUserData(template.userData) } : {}),
    ...(template.instanceProfile ? { iamInstanceProfile: iamInstanceProfile(template.instanceProfile) } : {}),
    ...(blockDeviceMappings ? { blockDeviceMappings } : {}),
  };
}

/**
 * The launch template data of one request: everything but the instance type and subnet
 * (the fleet's overrides choose those), and the request's tags on the instances and volumes
 * (fleets of type request/maintain and Spot Fleets can tag instances only this way).
 */
export function launchTemplateData(
  parameters: LaunchParameters,
  tags: readonly AwsTag[],
  instanceType: string | undefined,
): RequestLaunchTemplateData {
  return {
    ImageId: parameters.imageId,
    ...(instanceType ? { InstanceType: instanceType as RequestLaunchTemplateData['InstanceType'] } : {}),
    ...(parameters.keyName ? { KeyName: parameters.keyName } : {}),
    ...(parameters.securityGroupIds.length > 0 ? { SecurityGroupIds: [...parameters.securityGroupIds] } : {}),
    ...(parameters.userData ? { UserData: parameters.userData } : {}),
    ...(parameters.iamInstanceProfile ? { IamInstanceProfile: parameters.iamInstanceProfile } : {}),
    ...(parameters.blockDeviceMappings ? { BlockDeviceMappings: parameters.blockDeviceMappings } : {}),
    TagSpecifications: tagSpecifications(['instance', 'volume'], tags),
  };
}
