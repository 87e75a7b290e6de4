import { UnsupportedCapabilityError } from '@ohf/provider-sdk';
import type { ProviderTemplateV1 } from '@ohf/provider-sdk';
import { AWS_PROVIDER_ID } from '../aws-errors.js';
import { AWS_PROVIDER_APIS } from '../aws-settings.js';
import type { AwsProviderApi, AwsProviderSettings } from '../aws-settings.js';
import type { AwsHandler } from './aws-handler.js';
import { asgHandler } from './asg-handler.js';
import { ec2FleetHandler } from './ec2-fleet-handler.js';
import { runInstancesHandler } from './run-instances-handler.js';
import { spotFleetHandler } from './spot-fleet-handler.js';

const HANDLERS: Readonly<Record<AwsProviderApi, AwsHandler>> = {
  EC2Fleet: ec2FleetHandler,
  ASG: asgHandler,
  SpotFleet: spotFleetHandler,
  RunInstances: runInstancesHandler,
};

export function isAwsProviderApi(value: string): value is AwsProviderApi {
  return (AWS_PROVIDER_APIS as readonly string[]).includes(value);
}

export function isApiEnabled(api: AwsProviderApi, settings: AwsProviderSettings): boolean {
  const handlers = settings.handlers;
  switch (api) {
    case 'EC2Fleet':
      return handlers.ec2_fleet.enabled;
    case 'ASG':
      return handlers.asg.enabled;
    case 'SpotFleet':
      return handlers.spot_fleet.enabled;
    case 'RunInstances':
      return handlers.run_instances.enabled;
  }
}

/** The APIs of this instance that are switched on, in the configured order of preference. */
export function enabledApis(settings: AwsProviderSettings): AwsProviderApi[] {
  const ordered = [...new Set([...settings.handlers.preferred_order, ...AWS_PROVIDER_APIS])];
  return ordered.filter((api) => isApiEnabled(api, settings));
}

/** Whether a template has what an API cannot do without (used when the template names no API). */
function suits(api: AwsProviderApi, template: ProviderTemplateV1): boolean {
  switch (api) {
    case 'SpotFleet':
      return Boolean(template.fleetRole);
    case 'ASG':
      return (template.subnetIds ?? []).length > 0;
    default:
      return true;
  }
}

/** The template's `providerApi`, else the first enabled API of `handlers.preferred_order` that suits it. */
export function selectApi(template: ProviderTemplateV1, settings: AwsProviderSettings): AwsProviderApi {
  if (template.providerApi) {
    if (!isAwsProviderApi(template.providerApi)) {
      throw new UnsupportedCapabilityError(
        `Template ${template.templateId}: providerApi "${template.providerApi}" is not an AWS API (${AWS_PROVIDER_APIS.join(', ')})`,
        { providerId: AWS_PROVIDER_ID, field: 'providerApi' },
      );
    }
    if (!isApiEnabled(template.providerApi, settings)) {
      throw new UnsupportedCapabilityError(
        `Template ${template.templateId}: providerApi ${template.providerApi} is disabled on this provider instance (handlers settings)`,
        { providerId: AWS_PROVIDER_ID, field: 'providerApi' },
      );
    }
    return template.providerApi;
  }
  const api = enabledApis(settings).find((candidate) => suits(candidate, template));
  if (!api) {
    throw new UnsupportedCapabilityError(`Template ${template.templateId}: no enabled AWS API suits it`, {
      providerId: AWS_PROVIDER_ID,
      field: 'providerApi',
    });
  }
  return api;
}

export function handlerFor(api: AwsProviderApi): AwsHandler {
  return HANDLERS[api];
}
