export declare const E2E_KEYS: { readonly read: string; readonly write: string; readonly admin: string };
export declare const E2E_PORT: number;
