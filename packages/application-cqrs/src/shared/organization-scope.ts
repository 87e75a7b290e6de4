/**
 * Organization scoping rules shared by the handlers. A record another organization owns is
 * answered exactly as a missing one (same error, same message shape), so a caller can never
 * learn that it exists.
 */

/** A request or machine: always owned. Without a caller organization (CLI, platform) everything is visible. */
export function ownedRecordVisible(record: { readonly organizationId: string }, organizationId: string | undefined): boolean {
  return organizationId === undefined || record.organizationId === organizationId;
}

/** A template or markup rule: without an owner it is the platform's and every organization sees it. */
export function sharedRecordVisible(record: { readonly organizationId?: string | undefined }, organizationId: string | undefined): boolean {
  return organizationId === undefined || record.organizationId === undefined || record.organizationId === organizationId;
}

/**
 * A template or markup rule a command may change: an organization only its own (platform
 * records are read-only to it); without an organization (the CLI, platform administrators), any.
 */
export function sharedRecordWritable(record: { readonly organizationId?: string | undefined }, organizationId: string | undefined): boolean {
  return organizationId === undefined || record.organizationId === organizationId;
}
