import { BusinessRuleError, CommandError, MarkupRuleSchema, ValidationError, type CatalogRepository, type MarkupRule } from '@ohf/domain-core';
import { z } from 'zod';
import { OwnerOrganizationField, QueryOrganizationField } from '../shared/message-fields.js';
import { sharedRecordVisible, sharedRecordWritable } from '../shared/organization-scope.js';
import { CatalogPrices } from './catalog-prices.js';
import { requireCatalog } from './require-catalog.js';

/** With `organizationId`: the organization's rules and the platform ones; without: every rule. */
export const ListMarkupRulesSchema = z.object({ type: z.literal('ListMarkupRules'), organizationId: QueryOrganizationField });
/** With `organizationId`: the rule becomes that organization's (a rule naming another one is refused). */
export const SaveMarkupRuleSchema = z.object({ type: z.literal('SaveMarkupRule'), organizationId: OwnerOrganizationField, rule: MarkupRuleSchema });
/** With `organizationId`: only that organization's rules can be deleted (others answer as missing). */
export const DeleteMarkupRuleSchema = z.object({ type: z.literal('DeleteMarkupRule'), organizationId: OwnerOrganizationField, id: z.string().min(1) });

/** A rule in effect and where it comes from: the configuration file or an admin through the API. */
export type EffectiveMarkupRule = MarkupRule & { readonly source: 'configuration' | 'stored' };

export interface ListMarkupRulesResult {
  readonly rules: readonly EffectiveMarkupRule[];
}
export interface SaveMarkupRuleResult {
  readonly rule: MarkupRule;
}
export interface DeleteMarkupRuleResult {
  readonly id: string;
  readonly deleted: true;
}

/**
 * The markup rules in effect, and the stored ones admins add, replace and delete. A stored rule
 * with the id of a configured one replaces it; deleting it brings the configured one back.
 */
export class MarkupRuleHandlers {
  constructor(private readonly dependencies: { readonly catalog: CatalogRepository | undefined; readonly markups: readonly MarkupRule[] }) {}

  readonly list = async (query: z.infer<typeof ListMarkupRulesSchema>): Promise<ListMarkupRulesResult> => {
    const catalog = requireCatalog(this.dependencies.catalog);
    const stored = new Set((await catalog.listMarkupRules()).map((rule) => rule.id));
    const rules = (await new CatalogPrices(catalog, this.dependencies.markups).markupRules()).filter((rule) =>
      sharedRecordVisible(rule, query.organizationId),
    );
    return { rules: rules.map((rule) => ({ ...rule, source: stored.has(rule.id) ? 'stored' : 'configuration' })) };
  };

  readonly save = async (command: z.infer<typeof SaveMarkupRuleSchema>): Promise<SaveMarkupRuleResult> => {
    const catalog = requireCatalog(this.dependencies.catalog);
    const { organizationId } = command;
    if (organizationId !== undefined && command.rule.organizationId !== undefined && command.rule.organizationId !== organizationId) {
      throw new ValidationError(`A markup rule of organization "${organizationId}" cannot name another organization.`, {
        details: { field: 'rule.organizationId', issues: [{ path: 'rule.organizationId', message: `must be "${organizationId}" or absent` }] },
      });
    }
    const rule: MarkupRule = organizationId === undefined ? command.rule : { ...command.rule, organizationId };
    // Rule ids are unique across organizations: one organization may not replace another's rule
    // or a platform one by reusing its id.
    const existing = (await new CatalogPrices(catalog, this.dependencies.markups).markupRules()).find((candidate) => candidate.id === rule.id);
    if (existing !== undefined && !sharedRecordWritable(existing, organizationId)) {
      throw new BusinessRuleError('CONFLICT', `The markup rule id "${rule.id}" is taken; choose another id.`, { details: { id: rule.id, field: 'rule.id' } });
    }
    await catalog.saveMarkupRule(rule);
    return { rule };
  };

  readonly delete = async (command: z.infer<typeof DeleteMarkupRuleSchema>): Promise<DeleteMarkupRuleResult> => {
    const catalog = requireCatalog(this.dependencies.catalog);
    const storedRule = (await catalog.listMarkupRules()).find((rule) => rule.id === command.id);
    if (storedRule !== undefined && !sharedRecordWritable(storedRule, command.organizationId)) {
      throw new CommandError('NOT_FOUND', `No stored markup rule has the id "${command.id}".`, { details: { id: command.id } });
    }
    const deleted = await catalog.deleteMarkupRule(command.id);
    if (!deleted) {
      const configured = this.dependencies.markups.some((rule) => rule.id === command.id);
      throw new CommandError('NOT_FOUND', configured
        ? `Markup rule "${command.id}" comes from the configuration file (pricing.markups); change it there.`
        : `No stored markup rule has the id "${command.id}".`, { details: { id: command.id } });
    }
    return { id: command.id, deleted: true };
  };
}
