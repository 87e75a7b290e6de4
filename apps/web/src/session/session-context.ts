import { createContext, useContext } from 'react';
import type { Session } from '../api/schema-types';
import { sessionAllows, type Scope } from './use-session';

export const SessionContext = createContext<Session | null>(null);

/** Whether the signed-in key holds `scope` (write: change requests and machines; admin: providers). */
export function useCan(scope: Scope): boolean {
  return sessionAllows(useContext(SessionContext), scope);
}
