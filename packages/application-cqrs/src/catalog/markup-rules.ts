import { BusinessRuleError, CommandError, MarkupRuleSchema, ValidationError, type CatalogRepository, type MarkupRule } from '@ohf/domain-core';
import { z } from 'zod';
import { OwnerOrganizationField, QueryOrganizationField } from '../shared/message-fields.js';
import { sharedRecordVisible, sharedRecordWritable } from '../shared/organization-scope.js';
import { CatalogPrices } from './catalog-prices.js';
import { markupRuleKey } from './markup-rule-key.js';
import { requireCatalog } from './require-catalog.js';

/** With `organizationId`: the organization's rules and the platform ones; without: every rule. */
export const ListMarkupRulesSchema = z.object({ type: z.literal('ListMarkupRules'), organizationId: QueryOrganizationField });
/** With `organizationId`: the rule becomes that organization's (a rule naming another one is refused). */
export const SaveMarkupRuleSchema = z.object({ type: z.literal('SaveMarkupRule'), organizationId: OwnerOrganizationField, rule: MarkupRuleSchema });
/**
 * With `organizationId`: that organization's rule with the id (another organization's answers as
 * missing); without: the platform rule with the id.
 */
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
 * The markup rules in effect, and the stored ones admins add, replace and delete. A rule's id is
 * unique per owner (an organization, or the platform): two organizations may each keep a rule
 * "x", and neither can learn that the other's exists. A stored rule with the owner and id of a
 * configured one replaces it; deleting it brings the configured one back.
 */
export class MarkupRuleHandlers {
  constructor(private readonly dependencies: { readonly catalog: CatalogRepository | undefined; readonly markups: readonly MarkupRule[] }) {}

  readonly list = async (query: z.infer<typeof ListMarkupRulesSchema>): Promise<ListMarkupRulesResult> => {
    const catalog = requireCatalog(this.dependencies.catalog);
    const stored = new Set((await catalog.listMarkupRules()).map(markupRuleKey));
    const rules = (await new CatalogPrices(catalog, this.dependencies.markups).markupRules()).filter((rule) =>
      sharedRecordVisible(rule, query.organizationId),
    );
    return { rules: rules.map((rule) => ({ ...rule, source: stored.has(markupRuleKey(rule)) ? 'stored' : 'configuration' })) };
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
    // Ids are unique per owner, so another organization's rule with this id is no obstacle (and
    // refusing would tell that it exists). A rule the caller sees but may not change (a platform
    // one) keeps its id: reusing it would shadow that rule for the organization's prices.
    const existing = (await new CatalogPrices(catalog, this.dependencies.markups).markupRules()).find(
      (candidate) =>
        candidate.id === rule.id && sharedRecordVisible(candidate, organizationId) && !sharedRecordWritable(candidate, organizationId),
    );
    if (existing !== undefined) {
      throw new BusinessRuleError('CONFLICT', `The markup rule id "${rule.id}" is taken; choose another id.`, { details: { id: rule.id, field: 'rule.id' } });
    }
    await catalog.saveMarkupRule(rule);
    return { rule };
  };

  readonly delete = async (command: z.infer<typeof DeleteMarkupRuleSchema>): Promise<DeleteMarkupRuleResult> => {
    const catalog = requireCatalog(this.dependencies.catalog);
    // Only the caller's own rule: another organization's with this id is never touched, and
    // answers exactly as an id nobody uses.
    const deleted = await catalog.deleteMarkupRule(command.id, command.organizationId);
    if (!deleted) {
      const configured = this.dependencies.markups.some((rule) => rule.id === command.id && sharedRecordVisible(rule, command.organizationId));
      throw new CommandError('NOT_FOUND', configured
        ? `Markup rule "${command.id}" comes from the configuration file (pricing.markups); change it there.`
        : `No stored markup rule has the id "${command.id}".`, { details: { id: command.id } });
    }
    return { id: command.id, deleted: true };
  };
}
