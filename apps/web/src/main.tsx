import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { isApiProblem } from './api/api-problem';
import { App } from './app';
import { SESSION_QUERY_KEY } from './session/use-session';
import './styles.css';

// A 401 anywhere means the session ended (key removed, cookie expired): back to sign-in.
const signedOutOn401 = (error: unknown) => {
  if (isApiProblem(error) && error.status === 401) queryClient.setQueryData(SESSION_QUERY_KEY, null);
};

const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError: signedOutOn401 }),
  mutationCache: new MutationCache({ onError: signedOutOn401 }),
  defaultOptions: {
    queries: {
      staleTime: 5_000,
      // Client errors (bad filter, unknown id, no right) do not get better by asking again.
      retry: (failures, error) => failures < 2 && !(isApiProblem(error) && error.status >= 400 && error.status < 500),
    },
  },
});

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
