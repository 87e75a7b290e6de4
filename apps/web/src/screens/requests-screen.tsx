import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { api, unwrap } from '../api/api-client';
import type { RequestStatus } from '../api/schema-types';
import { formatDateTime } from '../components/format';
import { QueryState } from '../components/query-state';
import { TableRegion } from '../components/table-region';
import { StatusBadge } from '../components/status-badge';
import { Link } from '../routing/link';
import { useRoute } from '../routing/use-route';

const STATUSES: readonly RequestStatus[] = ['pending', 'in_progress', 'complete', 'partial', 'failed', 'cancelled'];

/** Requests, newest first, filtered by status, kind and provider instance (kept in the URL). */
export function RequestsScreen() {
  const { search, setSearch } = useRoute();
  const status = search.get('status') ?? '';
  const kind = search.get('kind') ?? '';
  const instance = search.get('provider_instance') ?? '';
  const ids = { status: useId(), kind: useId(), instance: useId() };
  const requests = useQuery({
    queryKey: ['requests', { status, kind, instance }],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/requests', {
          params: {
            query: {
              limit: 100,
              ...(status === '' ? {} : { status: [status as RequestStatus] }),
              ...(kind === '' ? {} : { kind: kind as 'acquire' | 'return' }),
              ...(instance === '' ? {} : { provider_instance: instance }),
            },
          },
        }),
      ),
    refetchInterval: 5_000,
  });
  const filters = { status, kind, provider_instance: instance };
  return (
    <section>
      <h1 tabIndex={-1}>Requests</h1>
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor={ids.status}>Status</label>
          <select id={ids.status} value={status} onChange={(event) => setSearch({ ...filters, status: event.target.value })}>
            <option value="">Any</option>
            {STATUSES.map((value) => (
              <option key={value} value={value}>
                {value.replace('_', ' ')}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.kind}>Kind</label>
          <select id={ids.kind} value={kind} onChange={(event) => setSearch({ ...filters, kind: event.target.value })}>
            <option value="">Any</option>
            <option value="acquire">acquire</option>
            <option value="return">return</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.instance}>Provider instance</label>
          <input id={ids.instance} value={instance} onChange={(event) => setSearch({ ...filters, provider_instance: event.target.value })} />
        </div>
      </form>
      <QueryState query={requests} label="requests" isEmpty={(page) => page.items.length === 0} empty={<>No request matches. <Link href="/create">Create machines</Link>.</>}>
        {(page) => (
          <TableRegion label="Requests">
            <table>
              <caption className="visually-hidden">Requests ({page.total})</caption>
              <thead>
                <tr>
                  <th scope="col">Request</th>
                  <th scope="col">Status</th>
                  <th scope="col">Kind</th>
                  <th scope="col">Template</th>
                  <th scope="col">Instance</th>
                  <th scope="col" className="number">Machines</th>
                  <th scope="col">Updated</th>
                </tr>
              </thead>
              <tbody>
                {page.items.map((request) => (
                  <tr key={request.requestId}>
                    <th scope="row">
                      <Link href={`/requests/${encodeURIComponent(request.requestId)}`}>{request.requestId}</Link>
                    </th>
                    <td>
                      <StatusBadge value={request.status} />
                    </td>
                    <td>{request.kind}</td>
                    <td>{request.templateId ?? '—'}</td>
                    <td>{request.providerInstance ?? '—'}</td>
                    <td className="number">
                      {request.machineIds.length}/{request.requestedCount}
                    </td>
                    <td>{formatDateTime(request.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
      </QueryState>
    </section>
  );
}
