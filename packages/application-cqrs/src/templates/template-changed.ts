import { DEFAULT_ORGANIZATION_ID, domainEvent } from '@ohf/domain-core';
import type { HandlerContext } from '../bus/message-map.js';
import { auditRecordsOf, originOf } from '../events/audit-records.js';
import type { OrchestrationContext } from '../orchestration/orchestration-context.js';

/**
 * Announces a template change and records it in the audit trail of its organization (platform
 * templates: the default organization's). Templates are stored apart from the audit trail (in
 * files, for the CLI), so the row is appended after the change rather than in its transaction.
 */
export async function templateChanged(
  context: OrchestrationContext,
  templateId: string,
  change: 'created' | 'updated' | 'deleted',
  organizationId: string | undefined,
  handlerContext: HandlerContext | undefined,
): Promise<void> {
  const event = domainEvent('TemplateChanged', { templateId, change }, context.clock.now());
  await context.audit?.append(auditRecordsOf([event], originOf(organizationId ?? DEFAULT_ORGANIZATION_ID, handlerContext)));
  await context.events.publish(event);
}
