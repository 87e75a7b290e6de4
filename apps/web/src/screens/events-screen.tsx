import { useInfiniteQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, unwrap } from '../api/api-client';
import type { AuditEvent } from '../api/schema-types';
import { formatDateTime } from '../components/format';
import { ErrorPanel } from '../components/error-panel';
import { ListFilters, useFilterValues, type ListFilter } from '../components/filtered-list';
import { TableRegion } from '../components/table-region';
import { Link } from '../routing/link';

const FILTERS: readonly ListFilter[] = [
  { name: 'type', label: 'Type', placeholder: 'e.g. ProvisionAttemptFailed' },
  { name: 'request_id', label: 'Request' },
];

/** Who did it, in a few words. */
function actorText(event: AuditEvent): string {
  return event.actor.name ?? event.actor.id ?? event.actor.kind;
}

/** A short line of what the event carries (its data), for the table. */
function summaryOf(event: AuditEvent): string {
  const text = JSON.stringify(event.data);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
}

/**
 * Events arriving now, from `GET /events/stream` (Server-Sent Events; EventSource resumes after
 * the last id on its own when the stream is cut), newest first.
 */
function useLiveEvents(filters: { readonly type: string; readonly requestId: string }) {
  const [events, setEvents] = useState<readonly AuditEvent[]>([]);
  const [state, setState] = useState<'connecting' | 'live' | 'reconnecting'>('connecting');
  useEffect(() => {
    setEvents([]);
    if (typeof EventSource === 'undefined') return undefined;
    const query = new URLSearchParams(Object.entries({ type: filters.type, request_id: filters.requestId }).filter(([, value]) => value !== ''));
    const text = query.toString();
    const source = new EventSource(`/api/v1/events/stream${text === '' ? '' : `?${text}`}`);
    source.onopen = () => setState('live');
    source.onerror = () => setState('reconnecting');
    source.onmessage = (message: MessageEvent<string>) => {
      const event = JSON.parse(message.data) as AuditEvent;
      setEvents((current) => [event, ...current].slice(0, 500));
    };
    return () => source.close();
  }, [filters.type, filters.requestId]);
  return { events, state };
}

function EventRows({ events }: { readonly events: readonly AuditEvent[] }) {
  return (
    <>
      {events.map((event) => (
        <tr key={event.sequence}>
          <td className="number">{event.sequence}</td>
          <td>{formatDateTime(event.occurredAt)}</td>
          <th scope="row">{event.type}</th>
          <td>{actorText(event)}</td>
          <td>
            {event.requestId ? <Link href={`/requests/${encodeURIComponent(event.requestId)}`}>{event.requestId}</Link> : null}
            {event.machineId ? <div className="hint">{event.machineId}</div> : null}
          </td>
          <td>
            <code className="wrap">{summaryOf(event)}</code>
          </td>
        </tr>
      ))}
    </>
  );
}

/** The organization's audit trail: what happened, who did it; live as it happens. */
export function EventsScreen() {
  const values = useFilterValues(FILTERS);
  const filters = { type: values['type'] ?? '', requestId: values['request_id'] ?? '' };
  const live = useLiveEvents(filters);
  const stored = useInfiniteQuery({
    queryKey: ['events', filters],
    initialPageParam: 0,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/events', {
          params: {
            query: {
              limit: 100,
              after: pageParam,
              ...(filters.type === '' ? {} : { type: [filters.type] }),
              ...(filters.requestId === '' ? {} : { request_id: filters.requestId }),
            },
          },
        }),
      ),
    getNextPageParam: (page) => page.next,
  });
  const storedEvents = (stored.data?.pages ?? []).flatMap((page) => page.items);
  const seen = new Set(storedEvents.map((event) => event.sequence));
  const newer = live.events.filter((event) => !seen.has(event.sequence));
  return (
    <section>
      <h1 tabIndex={-1}>Events</h1>
      <ListFilters filters={FILTERS} values={values}>
        <p role="status" className="hint" data-testid="events-feed">
          {live.state === 'live' ? 'Live: new events appear at the top.' : live.state === 'connecting' ? 'Connecting to the live stream…' : 'The live stream was cut; reconnecting…'}
        </p>
      </ListFilters>
      {stored.isError ? <ErrorPanel error={stored.error} title="Could not load the audit trail" /> : null}
      {stored.isPending ? (
        <p className="loading" role="status">
          Loading events…
        </p>
      ) : null}
      {!stored.isPending && storedEvents.length === 0 && newer.length === 0 && !stored.isError ? <p className="empty">No event matches yet.</p> : null}
      {storedEvents.length + newer.length > 0 ? (
        <TableRegion label="Events">
          <table>
            <caption className="visually-hidden">Audit events: live ones first, then the stored trail from the oldest</caption>
            <thead>
              <tr>
                <th scope="col" className="number">#</th>
                <th scope="col">When</th>
                <th scope="col">Type</th>
                <th scope="col">Who</th>
                <th scope="col">About</th>
                <th scope="col">Data</th>
              </tr>
            </thead>
            <tbody>
              <EventRows events={newer} />
              <EventRows events={storedEvents} />
            </tbody>
          </table>
        </TableRegion>
      ) : null}
      {stored.hasNextPage ? (
        <button type="button" onClick={() => void stored.fetchNextPage()} disabled={stored.isFetchingNextPage}>
          {stored.isFetchingNextPage ? 'Loading…' : 'Load more'}
        </button>
      ) : null}
    </section>
  );
}
