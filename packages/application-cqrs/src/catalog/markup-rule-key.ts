/**
 * A markup rule belongs to its owner: an organization, or the platform when `organizationId` is
 * absent. Its id is unique per owner only, so two organizations may each keep a rule "x"; the
 * key names both. JSON keeps the two parts apart whatever characters they hold.
 */
export function markupRuleKey(rule: { readonly id: string; readonly organizationId?: string | undefined }): string {
  return JSON.stringify([rule.organizationId ?? '', rule.id]);
}
