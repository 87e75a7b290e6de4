import { ProviderTemplateV1Schema, ProviderValidationError, UnsupportedCapabilityError } from '@ohf/provider-sdk';
import type { ProviderTemplateV1 } from '@ohf/provider-sdk';
import { AWS_PROVIDER_ID } from '../aws-errors.js';
import type { AwsProviderSettings } from '../aws-settings.js';
import type { AwsTemplate } from '../handlers/template-offerings.js';
import { validateAwsTemplate } from './validate-template.js';

/**
 * The template of a create, parsed and checked against this provider instance: a template
 * that could not be launched throws before anything is sent to AWS.
 */
export function launchableTemplate(template: ProviderTemplateV1, settings: AwsProviderSettings, instanceName: string): AwsTemplate {
  const parsed = ProviderTemplateV1Schema.safeParse(template);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ProviderValidationError(`Template is invalid: ${issue?.path.join('.')}: ${issue?.message}`, {
      providerId: AWS_PROVIDER_ID,
      field: issue?.path.join('.') ?? '',
    });
  }
  const awsTemplate = parsed.data as AwsTemplate;
  const { errors } = validateAwsTemplate(awsTemplate, settings);
  const first = errors[0];
  if (!first) return awsTemplate;
  const message = `Template ${awsTemplate.templateId} cannot be launched on ${instanceName}: ${errors
    .map((error) => `${error.field}: ${error.message}`)
    .join('; ')}`;
  const options = { providerId: AWS_PROVIDER_ID, field: first.field, details: { errors } };
  if (first.code === 'API_NOT_SUPPORTED') throw new UnsupportedCapabilityError(message, options);
  throw new ProviderValidationError(message, options);
}
