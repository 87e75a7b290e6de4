import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { RequestView } from '../api/schema-types';

/**
 * Follows a request through the API's Server-Sent Events (`GET /requests/{id}/events`: a
 * `progress` event with the whole view on every change, then `final`), writing each view into
 * the request's query. Answers whether the stream is live; when it fails (an old API, a proxy
 * that buffers streams) the screen polls instead. The session cookie goes with the stream
 * (same origin), and a GET needs no CSRF header.
 */
export function useRequestStream(requestId: string, enabled: boolean): boolean {
  const client = useQueryClient();
  const [live, setLive] = useState(false);
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return undefined;
    const source = new EventSource(`/api/v1/requests/${encodeURIComponent(requestId)}/events`);
    const apply = (event: MessageEvent<string>) => {
      const view = JSON.parse(event.data) as RequestView;
      client.setQueryData<RequestView>(['request', requestId], (current) => ({
        ...view,
        // The stream carries no selection explanation; keep the one the first read asked for.
        request: { ...view.request, selectionExplanation: view.request.selectionExplanation ?? current?.request.selectionExplanation },
      }));
    };
    source.addEventListener('open', () => setLive(true));
    source.addEventListener('progress', apply as EventListener);
    source.addEventListener('final', ((event: MessageEvent<string>) => {
      apply(event);
      source.close();
      setLive(false);
    }) as EventListener);
    source.addEventListener('error', () => {
      // The stream ended or failed: stop the browser's reconnection and let polling take over.
      source.close();
      setLive(false);
    });
    return () => {
      source.close();
      setLive(false);
    };
  }, [client, requestId, enabled]);
  return live;
}
