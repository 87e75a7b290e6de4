import type { Template } from '@ohf/domain-core';
import type { ProviderTemplateV1 } from '@ohf/provider-sdk';

/**
 * What a provider receives of a template. The provider template mirrors the domain Template
 * field for field; this drops what only the application uses.
 */
export function toProviderTemplate(template: Template): ProviderTemplateV1 {
  const { enabled: _enabled, description: _description, userDataScript, ...rest } = template;
  return {
    ...rest,
    ...(rest.userData === undefined && userDataScript !== undefined ? { userData: userDataScript } : {}),
  };
}
