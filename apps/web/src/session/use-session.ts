import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/api-client';
import { isApiProblem } from '../api/api-problem';
import type { Session } from '../api/schema-types';

export const SESSION_QUERY_KEY = ['session'] as const;

/**
 * Who the console is signed in as: null when the API says 401 (no or expired session), so the
 * sign-in screen shows; any other failure is an error the shell shows with its code.
 */
export function useSession() {
  return useQuery({
    queryKey: SESSION_QUERY_KEY,
    queryFn: async (): Promise<Session | null> => {
      try {
        return await unwrap(api.GET('/api/v1/session'));
      } catch (error) {
        if (isApiProblem(error) && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
    retry: false,
  });
}

/** Forgets what the previous key could see, keeping the session query its observers hold. */
function forgetEverythingButTheSession(client: ReturnType<typeof useQueryClient>): void {
  client.removeQueries({ predicate: (query) => query.queryKey[0] !== SESSION_QUERY_KEY[0] });
}

export function useSignIn() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (key: string) => unwrap(api.POST('/api/v1/session', { body: { key } })),
    onSuccess: (session) => {
      forgetEverythingButTheSession(client);
      client.setQueryData(SESSION_QUERY_KEY, session);
    },
  });
}

export function useSignOut() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api.DELETE('/api/v1/session')),
    onSuccess: () => {
      forgetEverythingButTheSession(client);
      client.setQueryData(SESSION_QUERY_KEY, null);
    },
  });
}

export type Scope = Session['scopes'][number];

/** True when the signed-in key may do what needs `scope`: a viewer sees no button it cannot use. */
export function sessionAllows(session: Session | null | undefined, scope: Scope): boolean {
  return session?.scopes.includes(scope) ?? false;
}
