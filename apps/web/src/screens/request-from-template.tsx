import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, unwrap } from '../api/api-client';
import { ErrorPanel } from '../components/error-panel';
import { navigate } from '../routing/use-route';

/** Requests machines from a stored template as it is (POST /requests), then follows the request. */
export function RequestFromTemplate({ templateId }: { readonly templateId: string }) {
  const client = useQueryClient();
  const [count, setCount] = useState(1);
  const countId = useId();
  const request = useMutation({
    mutationFn: async () => {
      const created = await unwrap(api.POST('/api/v1/requests', { body: { templateId, maxNumber: count } }));
      if (!('request' in created)) throw new Error('The API planned the request instead of recording it.');
      return created.request.requestId;
    },
    onSuccess: (requestId) => {
      void client.invalidateQueries({ queryKey: ['requests'] });
      navigate(`/requests/${encodeURIComponent(requestId)}`);
    },
  });
  return (
    <form
      className="filters card"
      aria-label="Request machines from this template"
      onSubmit={(event) => {
        event.preventDefault();
        request.mutate();
      }}
    >
      <div className="field">
        <label htmlFor={countId}>Number of machines</label>
        <input id={countId} type="number" min={1} value={count} onChange={(event) => setCount(Number(event.target.value))} />
      </div>
      <button type="submit" className="primary" disabled={request.isPending || count < 1}>
        {request.isPending ? 'Requesting…' : 'Request machines'}
      </button>
      {request.error ? <ErrorPanel error={request.error} title="The machines were not requested" /> : null}
    </form>
  );
}
