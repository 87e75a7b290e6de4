import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, unwrap } from '../api/api-client';
import type { Machine, MachineState } from '../api/schema-types';
import { ErrorPanel } from '../components/error-panel';
import { formatMoney } from '../components/format';
import { QueryState } from '../components/query-state';
import { TableRegion } from '../components/table-region';
import { StatusBadge } from '../components/status-badge';
import { Link } from '../routing/link';
import { useRoute } from '../routing/use-route';
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

/** Machines filtered by state, provider instance and request; power actions and return for write keys. */
export function MachinesScreen() {
  const canWrite = useCan('write');
  const { search, setSearch } = useRoute();
  const state = search.get('state') ?? '';
  const instance = search.get('provider_instance') ?? '';
  const requestId = search.get('request_id') ?? '';
  const ids = { state: useId(), instance: useId(), request: useId() };
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
  const filters = { state, provider_instance: instance, request_id: requestId };
  return (
    <section>
      <h1 tabIndex={-1}>Machines</h1>
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor={ids.state}>State</label>
          <select id={ids.state} value={state} onChange={(event) => setSearch({ ...filters, state: event.target.value })}>
            <option value="">Any</option>
            {STATES.map((value) => (
              <option key={value} value={value}>
                {value.replace('_', ' ')}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.instance}>Provider instance</label>
          <input id={ids.instance} value={instance} onChange={(event) => setSearch({ ...filters, provider_instance: event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={ids.request}>Request</label>
          <input id={ids.request} value={requestId} onChange={(event) => setSearch({ ...filters, request_id: event.target.value })} />
        </div>
      </form>
      <QueryState query={machines} label="machines" isEmpty={(page) => page.items.length === 0} empty={<>No machine matches. <Link href="/create">Create machines</Link>.</>}>
        {(page) => (
          <TableRegion label="Machines">
            <table>
              <caption className="visually-hidden">Machines ({page.total})</caption>
              <thead>
                <tr>
                  <th scope="col">Machine</th>
                  <th scope="col">State</th>
                  <th scope="col">Instance</th>
                  <th scope="col">Plan</th>
                  <th scope="col">Address</th>
                  <th scope="col" className="number">Cost / hour</th>
                  {canWrite ? <th scope="col">Actions</th> : null}
                </tr>
              </thead>
              <tbody>
                {page.items.map((machine) => (
                  <tr key={machine.machineId} data-machine-id={machine.machineId}>
                    <th scope="row">
                      <code>{machine.machineId}</code>
                      <div className="hint">
                        <Link href={`/requests/${encodeURIComponent(machine.requestId)}`}>{machine.requestId}</Link>
                      </div>
                    </th>
                    <td>
                      <StatusBadge value={machine.state} />
                    </td>
                    <td>{machine.providerInstance}</td>
                    <td>{machine.planId ?? machine.instanceType ?? '—'}</td>
                    <td>{machine.publicIpAddress ?? machine.privateIpAddress ?? '—'}</td>
                    <td className="number">{formatMoney(machine.priceHourly, machine.currency)}</td>
                    {canWrite ? (
                      <td>
                        <MachineActions machine={machine} />
                      </td>
                    ) : null}
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
