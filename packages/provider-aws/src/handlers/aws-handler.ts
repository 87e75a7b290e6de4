import { OHF_TAG_KEYS } from '@ohf/provider-sdk';
import type { CreateInstancesRequestV1, CreateInstancesResultV1, FailureV1, ProviderSdkError } from '@ohf/provider-sdk';
import type { AwsCallScope } from '../aws-api.js';
import type { ImageResolver } from '../images/image-resolver.js';
import { launchParametersOf, launchTemplateData } from '../launch-template/launch-template-data.js';
import type { LaunchTemplateManager, LaunchTemplateReference } from '../launch-template/launch-template-manager.js';
import type { AwsProviderApi, AwsProviderSettings } from '../aws-settings.js';
import type { AwsTag } from '../tags/aws-tags.js';
import { clientToken, resourceTags } from '../tags/aws-tags.js';
import type { AwsTemplate } from './template-offerings.js';

/** Everything a handler needs for one create call. */
export interface HandlerContext {
  readonly scope: AwsCallScope;
  readonly settings: AwsProviderSettings;
  readonly request: CreateInstancesRequestV1;
  readonly template: AwsTemplate;
  /** The request's tags plus the template's instanceTags, as AWS tags. */
  readonly tags: AwsTag[];
  readonly attempt: number;
  readonly launchTemplates: LaunchTemplateManager;
  readonly images: ImageResolver;
  readonly now: () => number;
}

/** One way of provisioning on AWS (EC2 Fleet, Spot Fleet, Auto Scaling group, RunInstances). */
export interface AwsHandler {
  readonly api: AwsProviderApi;
  create(context: HandlerContext): Promise<CreateInstancesResultV1>;
}

/** The idempotency token of one create call of this request (see `clientToken`). */
export function tokenFor(context: HandlerContext, ...parts: ReadonlyArray<string | number>): string {
  return clientToken(context.request.requestId, context.attempt, ...parts);
}

/** The launch template version this request launches from (created, or the template's own). */
export async function launchTemplateFor(context: HandlerContext, instanceType?: string): Promise<LaunchTemplateReference> {
  const { template } = context;
  if (template.launchTemplateId) {
    return context.launchTemplates.versionFor(context.scope, {
      template,
      data: {},
      templateTags: [],
      requestId: context.request.requestId,
      clientToken: tokenFor(context, 'lt'),
    });
  }
  const parameters = await launchParametersOf(context.scope, template, context.images);
  const templateTags = resourceTags(
    Object.fromEntries(
      Object.entries(context.request.tags).filter(([key]) => key !== OHF_TAG_KEYS.requestId),
    ),
  );
  return context.launchTemplates.versionFor(context.scope, {
    template,
    data: launchTemplateData(parameters, context.tags, instanceType),
    templateTags,
    requestId: context.request.requestId,
    clientToken: tokenFor(context, 'lt'),
  });
}

export function failureOf(
  error: ProviderSdkError,
  count: number,
  where: { instanceType?: string | undefined; location?: string | undefined } = {},
): FailureV1 {
  return {
    code: error.code,
    message: error.message,
    retryable: error.retryable,
    ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
    count,
    ...(where.instanceType ? { instanceType: where.instanceType } : {}),
    ...(where.location ? { location: where.location } : {}),
  };
}
