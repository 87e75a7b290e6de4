import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../api/api-client';
import type { Machine, MachineState } from '../api/schema-types';
import { ErrorPanel } from '../components/error-panel';
import { formatMoney } from '../components/format';
import { FilteredList, useFilterValues, type ListColumn, type ListFilter } from '../components/filtered-list';
import { StatusBadge } from '../components/status-badge';
import { Link } from '../routing/link';
import { useCan } from '../session/session-context';

const STATES: readonly MachineState[] = ['pending', 'running', 'stopping', 'stopped', 'shutting_down', 'terminated', 'failed', 'unknown'];
/** The power actions of POST /machines/{id}/actions, and a return (POST /returns). */
type MachineAction = 'boot' | 'shutdown' | 'reboot' | 'return';

/** The actions that make sense in a state: nothing for a machine already gone or going. */
export function actionsFor(state: MachineState): readonly MachineAction[] {
  if (state === 'terminated' || state === 'shutting_down') return [];
  if (state === 'stopped') return ['boot', 'return'];
  if (state === 'running') return ['shutdown', 'reboot', 'return'];
  return ['return'];
}

function MachineActions({ machine }: { readonly machine: Machine }) {
  const client = useQueryClient();
  const [done, setDone] = useState<string>();
  const act = useMutation({
    mutationFn: async (action: MachineAction) => {
      if (action === 'return') {
        const result = await unwrap(api.POST('/api/v1/returns', { body: { machineIds: [machine.machineId] } }));
        return `Return requested (${'request' in result ? result.request.requestId : 'planned'}).`;
      }
      const result = await unwrap(
        api.POST('/api/v1/machines/{id}/actions', { params: { path: { id: machine.machineId } }, body: { action } }),
      );
      return `${action} sent; the machine is ${result.machine.state}.`;
    },
    onSuccess: (message) => {
      setDone(message);
      void client.invalidateQueries({ queryKey: ['machines'] });
    },
  });
  const actions = actionsFor(machine.state);
  return (
    <div className="row-actions">
      {actions.length === 0 ? <span className="hint">none</span> : null}
      {actions.map((action) => (
        <button
          key={action}
          type="button"
          className={action === 'return' ? 'danger small' : 'small'}
          disabled={act.isPending}
          onClick={() => act.mutate(action)}
          aria-label={`${action} ${machine.machineId}`}
        >
          {action}
        </button>
      ))}
      {done ? (
        <span role="status" className="hint">
          {done}
        </span>
      ) : null}
      {act.error ? <ErrorPanel error={act.error} title={`The action on ${machine.machineId} failed`} /> : null}
    </div>
  );
}

const FILTERS: readonly ListFilter[] = [
  { name: 'state', label: 'State', kind: 'select', options: STATES },
  { name: 'provider_instance', label: 'Provider instance' },
  { name: 'request_id', label: 'Request' },
];

const COLUMNS: readonly ListColumn<Machine>[] = [
  {
    header: 'Machine',
    rowHeader: true,
    cell: (machine) => (
      <>
        <code>{machine.machineId}</code>
        <div className="hint">
          <Link href={`/requests/${encodeURIComponent(machine.requestId)}`}>{machine.requestId}</Link>
        </div>
      </>
    ),
  },
  { header: 'State', cell: (machine) => <StatusBadge value={machine.state} /> },
  { header: 'Instance', cell: (machine) => machine.providerInstance },
  { header: 'Plan', cell: (machine) => machine.planId ?? machine.instanceType ?? '—' },
  { header: 'Address', cell: (machine) => machine.publicIpAddress ?? machine.privateIpAddress ?? '—' },
  { header: 'Cost / hour', numeric: true, cell: (machine) => formatMoney(machine.priceHourly, machine.currency) },
];
const ACTIONS_COLUMN: ListColumn<Machine> = { header: 'Actions', cell: (machine) => <MachineActions machine={machine} /> };

/** Machines filtered by state, provider instance and request; power actions and return for write keys. */
export function MachinesScreen() {
  const canWrite = useCan('write');
  const values = useFilterValues(FILTERS);
  const { state = '', provider_instance: instance = '', request_id: requestId = '' } = values;
  const machines = useQuery({
    queryKey: ['machines', { state, instance, requestId }],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/machines', {
          params: {
            query: {
              limit: 200,
              ...(state === '' ? {} : { state: [state as MachineState] }),
              ...(instance === '' ? {} : { provider_instance: instance }),
              ...(requestId === '' ? {} : { request_id: requestId }),
            },
          },
        }),
      ),
    refetchInterval: 5_000,
  });
  return (
    <section>
      <h1 tabIndex={-1}>Machines</h1>
      <FilteredList
        label="Machines"
        filters={FILTERS}
        values={values}
        query={machines}
        items={(page) => page.items}
        total={(page) => page.total}
        rowKey={(machine) => machine.machineId}
        rowAttributes={(machine) => ({ 'data-machine-id': machine.machineId })}
        columns={[...COLUMNS, canWrite && ACTIONS_COLUMN]}
        empty={
          <>
            No machine matches. <Link href="/create">Create machines</Link>.
          </>
        }
      />
    </section>
  );
}
