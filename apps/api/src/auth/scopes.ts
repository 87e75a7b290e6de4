/** What a key may do: read everything, also change requests and templates, also administer providers. */
export const API_SCOPES = ['read', 'write', 'admin'] as const;
export type ApiScope = (typeof API_SCOPES)[number];

const IMPLIED: Readonly<Record<ApiScope, readonly ApiScope[]>> = {
  read: ['read'],
  write: ['read', 'write'],
  admin: ['read', 'write', 'admin'],
};

/** The scopes a key holds once the implied ones are added (admin ⊃ write ⊃ read). */
export function expandScopes(scopes: readonly ApiScope[]): ReadonlySet<ApiScope> {
  return new Set(scopes.flatMap((scope) => IMPLIED[scope]));
}
