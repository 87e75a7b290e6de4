import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/api-client';
import type { MachineRequest, RequestStatus } from '../api/schema-types';
import { FilteredList, useFilterValues, type ListColumn, type ListFilter } from '../components/filtered-list';
import { formatDateTime } from '../components/format';
import { StatusBadge } from '../components/status-badge';
import { Link } from '../routing/link';

const STATUSES: readonly RequestStatus[] = ['pending', 'in_progress', 'complete', 'partial', 'failed', 'cancelled'];

const FILTERS: readonly ListFilter[] = [
  { name: 'status', label: 'Status', kind: 'select', options: STATUSES },
  { name: 'kind', label: 'Kind', kind: 'select', options: ['acquire', 'return'] },
  { name: 'provider_instance', label: 'Provider instance' },
];

const COLUMNS: readonly ListColumn<MachineRequest>[] = [
  { header: 'Request', rowHeader: true, cell: (request) => <Link href={`/requests/${encodeURIComponent(request.requestId)}`}>{request.requestId}</Link> },
  { header: 'Status', cell: (request) => <StatusBadge value={request.status} /> },
  { header: 'Kind', cell: (request) => request.kind },
  { header: 'Template', cell: (request) => request.templateId ?? '—' },
  { header: 'Instance', cell: (request) => request.providerInstance ?? '—' },
  { header: 'Machines', numeric: true, cell: (request) => `${request.machineIds.length}/${request.requestedCount}` },
  { header: 'Updated', cell: (request) => formatDateTime(request.updatedAt) },
];

/** Requests, newest first, filtered by status, kind and provider instance (kept in the URL). */
export function RequestsScreen() {
  const values = useFilterValues(FILTERS);
  const { status = '', kind = '', provider_instance: instance = '' } = values;
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
  return (
    <section>
      <h1 tabIndex={-1}>Requests</h1>
      <FilteredList
        label="Requests"
        filters={FILTERS}
        values={values}
        query={requests}
        items={(page) => page.items}
        total={(page) => page.total}
        rowKey={(request) => request.requestId}
        columns={COLUMNS}
        empty={
          <>
            No request matches. <Link href="/create">Create machines</Link>.
          </>
        }
      />
    </section>
  );
}
