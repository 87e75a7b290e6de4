import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/api-client';
import type { Machine } from '../api/schema-types';
import { formatDateTime, formatMoney } from '../components/format';
import { QueryState } from '../components/query-state';
import { StatusBadge } from '../components/status-badge';
import { Link } from '../routing/link';

const LIVE_STATES = ['pending', 'running', 'stopping', 'stopped', 'shutting_down', 'unknown'] as const;

/** Machines counted per provider instance, then per state. */
export function machinesByInstance(machines: readonly Machine[]): readonly { readonly instance: string; readonly states: Readonly<Record<string, number>>; readonly total: number }[] {
  const groups = new Map<string, Record<string, number>>();
  for (const machine of machines) {
    const states = groups.get(machine.providerInstance) ?? {};
    states[machine.state] = (states[machine.state] ?? 0) + 1;
    groups.set(machine.providerInstance, states);
  }
  return [...groups.entries()]
    .map(([instance, states]) => ({ instance, states, total: Object.values(states).reduce((sum, count) => sum + count, 0) }))
    .sort((left, right) => left.instance.localeCompare(right.instance));
}

export function OverviewScreen() {
  const machines = useQuery({
    queryKey: ['machines', 'live'],
    queryFn: () => unwrap(api.GET('/api/v1/machines', { params: { query: { state: [...LIVE_STATES], limit: 1000 } } })),
    refetchInterval: 10_000,
  });
  const costs = useQuery({
    queryKey: ['costs', 'running'],
    queryFn: () => unwrap(api.GET('/api/v1/costs', { params: { query: { running_only: 'true' } } })),
    refetchInterval: 30_000,
  });
  const providers = useQuery({ queryKey: ['providers'], queryFn: () => unwrap(api.GET('/api/v1/providers')), refetchInterval: 15_000 });
  const failures = useQuery({
    queryKey: ['requests', 'failed'],
    queryFn: () => unwrap(api.GET('/api/v1/requests', { params: { query: { status: ['failed', 'partial'], limit: 5 } } })),
    refetchInterval: 15_000,
  });

  return (
    <section>
      <h1 tabIndex={-1}>Overview</h1>
      <div className="grid">
        <section className="card" aria-labelledby="overview-machines">
          <h2 id="overview-machines">Machines by provider instance</h2>
          <QueryState query={machines} label="machines" isEmpty={(page) => page.items.length === 0} empty={<>No live machines. <Link href="/create">Create some</Link>.</>}>
            {(page) => (
              <table>
                <caption className="visually-hidden">Live machines per provider instance and state</caption>
                <thead>
                  <tr>
                    <th scope="col">Instance</th>
                    <th scope="col">By state</th>
                    <th scope="col" className="number">Total</th>
                  </tr>
                </thead>
                <tbody>
                  {machinesByInstance(page.items).map((group) => (
                    <tr key={group.instance}>
                      <th scope="row">{group.instance}</th>
                      <td>
                        {Object.entries(group.states).map(([state, count]) => (
                          <span key={state} className="state-count">
                            <StatusBadge value={state} /> {count}
                          </span>
                        ))}
                      </td>
                      <td className="number">{group.total}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </QueryState>
        </section>

        <section className="card" aria-labelledby="overview-spend">
          <h2 id="overview-spend">Hourly spend</h2>
          <QueryState query={costs} label="costs">
            {(summary) => (
              <>
                <p className="big-number" data-testid="hourly-spend">
                  {formatMoney(summary.total.runningPriceHourly, summary.currencies[0] ?? 'USD')} / hour
                </p>
                <p className="hint">
                  {summary.total.machines} running machine{summary.total.machines === 1 ? '' : 's'}
                  {summary.unpricedMachines > 0 ? `, ${summary.unpricedMachines} without a recorded price` : ''}.
                </p>
                {summary.groups.length > 0 ? (
                  <ul className="plain">
                    {summary.groups.map((group) => (
                      <li key={group.key}>
                        {group.key}: {formatMoney(group.runningPriceHourly, summary.currencies[0] ?? 'USD')} / hour
                      </li>
                    ))}
                  </ul>
                ) : null}
              </>
            )}
          </QueryState>
        </section>

        <section className="card" aria-labelledby="overview-providers">
          <h2 id="overview-providers">Provider health and circuit breakers</h2>
          <QueryState query={providers} label="provider instances" isEmpty={(list) => list.providers.length === 0} empty="No provider instance is configured.">
            {(list) => (
              <ul className="plain">
                {list.providers.map((provider) => (
                  <li key={provider.name}>
                    <strong>{provider.name}</strong> ({provider.providerType}) <StatusBadge value={provider.enabled ? provider.status : 'disabled'} />
                    {provider.reason ? <span className="hint"> {provider.reason}</span> : null}
                  </li>
                ))}
              </ul>
            )}
          </QueryState>
        </section>

        <section className="card" aria-labelledby="overview-failures">
          <h2 id="overview-failures">Recent failed requests</h2>
          <QueryState query={failures} label="failed requests" isEmpty={(page) => page.items.length === 0} empty="No failed or partial request.">
            {(page) => (
              <ul className="plain">
                {page.items.map((request) => (
                  <li key={request.requestId}>
                    <Link href={`/requests/${encodeURIComponent(request.requestId)}`}>{request.requestId}</Link> <StatusBadge value={request.status} />{' '}
                    <span className="hint">
                      {formatDateTime(request.updatedAt)}: {request.message}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </QueryState>
        </section>
      </div>
    </section>
  );
}
