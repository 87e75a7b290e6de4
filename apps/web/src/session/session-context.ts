import { createContext, useContext } from 'react';
import type { Session } from '../api/schema-types';
import { sessionAllows, type Scope } from './use-session';

export const SessionContext = createContext<Session | null>(null);

/** Whether the signed-in key manages the whole platform (catalog sync, provider registration). */
export function usePlatformAdmin(): boolean {
  return useContext(SessionContext)?.platformAdmin ?? false;
}

/** Whether the signed-in key holds `scope` (write: change requests and machines; admin: providers). */
export function useCan(scope: Scope): boolean {
  return sessionAllows(useContext(SessionContext), scope);
}
