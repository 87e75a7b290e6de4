import { describe, expect, it } from 'vitest';
import { ProviderTemplateV1Schema, type ProviderTemplateV1 } from '../v1/provider-template-v1.js';
import { AWS_TEMPLATE_FIELDS, AwsTemplateOptionsV2Schema, ProviderTemplateV2Schema, templateV1ToV2, templateV2ToV1, type ProviderTemplateV2 } from './provider-template-v2.js';

const spotFleetV1: ProviderTemplateV1 = {
  templateId: 'spot-workers',
  maxNumber: 50,
  providerApi: 'SpotFleet',
  imageId: 'ami-0123456789abcdef0',
  vmTypes: { 'c5.large': 1, 'c5.xlarge': 2 },
  priceType: 'spot',
  fleetType: 'request',
  instanceTags: { team: 'hpc' },
  userData: '#!/bin/sh\necho hi',
  subnetIds: ['subnet-a', 'subnet-b'],
  securityGroupIds: ['sg-1'],
  keyName: 'ops',
  fleetRole: 'arn:aws:iam::123456789012:role/aws-ec2-spot-fleet-tagging-role',
  spotFleetRequestExpiry: 30,
  allocationStrategy: 'capacityOptimized',
  maxSpotPrice: '0.12',
  launchTemplateId: 'lt-0abc',
  providerOptions: { linode: { region: 'us-east' } },
};

const spotFleetV2: ProviderTemplateV2 = {
  templateId: 'spot-workers',
  maxNumber: 50,
  providerApi: 'SpotFleet',
  imageId: 'ami-0123456789abcdef0',
  vmTypes: { 'c5.large': 1, 'c5.xlarge': 2 },
  priceType: 'spot',
  fleetType: 'request',
  instanceTags: { team: 'hpc' },
  userData: '#!/bin/sh\necho hi',
  providerOptions: {
    linode: { region: 'us-east' },
    aws: {
      subnetIds: ['subnet-a', 'subnet-b'],
      securityGroupIds: ['sg-1'],
      keyName: 'ops',
      fleetRole: 'arn:aws:iam::123456789012:role/aws-ec2-spot-fleet-tagging-role',
      spotFleetRequestExpiry: 30,
      allocationStrategy: 'capacityOptimized',
      maxSpotPrice: '0.12',
      launchTemplateId: 'lt-0abc',
    },
  },
};

describe('ProviderTemplateV2Schema', () => {
  it('names no AWS field at the top level', () => {
    const topLevel = Object.keys(ProviderTemplateV2Schema.shape);
    for (const field of AWS_TEMPLATE_FIELDS) expect(topLevel).not.toContain(field);
    expect(topLevel).toEqual(expect.arrayContaining(['templateId', 'imageId', 'vmType', 'vmTypes', 'priceType', 'fleetType', 'instanceTags', 'providerOptions']));
  });

  it('has every v1 field, either top-level or under providerOptions.aws', () => {
    const v2Fields = [...Object.keys(ProviderTemplateV2Schema.shape), ...Object.keys(AwsTemplateOptionsV2Schema.shape)].sort();
    expect(v2Fields).toEqual(Object.keys(ProviderTemplateV1Schema.shape).sort());
  });

  it('validates providerOptions.aws with the v1 rules', () => {
    expect(ProviderTemplateV2Schema.safeParse(spotFleetV2).success).toBe(true);
    const badExpiry = ProviderTemplateV2Schema.safeParse({ templateId: 't', providerOptions: { aws: { spotFleetRequestExpiry: 'soon' } } });
    expect(badExpiry.success).toBe(false);
    expect(badExpiry.error?.issues[0]?.path).toEqual(['providerOptions', 'aws', 'spotFleetRequestExpiry']);
  });
});

describe('templateV1ToV2 / templateV2ToV1', () => {
  it('moves the AWS fields under providerOptions.aws and keeps other providers’ options', () => {
    expect(templateV1ToV2(spotFleetV1)).toEqual(spotFleetV2);
  });

  it('flattens providerOptions.aws back into the v1 fields', () => {
    expect(templateV2ToV1(spotFleetV2)).toEqual(spotFleetV1);
  });

  it('round-trips both ways', () => {
    expect(templateV2ToV1(templateV1ToV2(spotFleetV1))).toEqual(spotFleetV1);
    expect(templateV1ToV2(templateV2ToV1(spotFleetV2))).toEqual(spotFleetV2);
  });

  it('gives a v1 provider a template its own schema accepts', () => {
    const parsed = ProviderTemplateV1Schema.parse(templateV2ToV1(spotFleetV2));
    expect(parsed.fleetRole).toBe('arn:aws:iam::123456789012:role/aws-ec2-spot-fleet-tagging-role');
    expect(parsed.subnetIds).toEqual(['subnet-a', 'subnet-b']);
    expect(parsed.providerOptions).toEqual({ linode: { region: 'us-east' } });
  });

  it('lets providerOptions.aws win over a top-level v1 field, and keeps unknown AWS options', () => {
    const v2 = templateV1ToV2({ templateId: 't', keyName: 'flat', providerOptions: { aws: { keyName: 'nested', placementGroup: 'pg-1' } } });
    expect(v2.providerOptions).toEqual({ aws: { keyName: 'nested', placementGroup: 'pg-1' } });
    expect(templateV2ToV1(v2)).toEqual({ templateId: 't', keyName: 'nested', providerOptions: { aws: { placementGroup: 'pg-1' } } });
  });

  it('leaves a template without AWS fields without an aws block', () => {
    expect(templateV1ToV2({ templateId: 'linode-small', vmType: 'g6-nanode-1', providerOptions: { linode: { region: 'eu-west' } } })).toEqual({
      templateId: 'linode-small',
      vmType: 'g6-nanode-1',
      providerOptions: { linode: { region: 'eu-west' } },
    });
  });
});
