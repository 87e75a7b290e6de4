import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { api, unwrap } from '../api/api-client';
import { ErrorPanel } from '../components/error-panel';
import { formatMemory, formatMoney } from '../components/format';
import { QueryState } from '../components/query-state';
import { TableRegion } from '../components/table-region';
import { useRoute } from '../routing/use-route';
import { usePlatformAdmin } from '../session/session-context';

const numberOrUndefined = (text: string) => (text === '' || Number.isNaN(Number(text)) ? undefined : Number(text));

/** Plans across every provider instance, cheapest first, with the price users pay (markup included). */
export function CatalogScreen() {
  const canAdminister = usePlatformAdmin();
  const client = useQueryClient();
  const { search, setSearch } = useRoute();
  const filters = { provider_type: search.get('provider_type') ?? '', min_vcpus: search.get('min_vcpus') ?? '', min_memory_gb: search.get('min_memory_gb') ?? '' };
  const ids = { type: useId(), vcpus: useId(), memory: useId() };
  const plans = useQuery({
    queryKey: ['catalog', 'plans', filters],
    queryFn: () => {
      const vcpus = numberOrUndefined(filters.min_vcpus);
      const memory = numberOrUndefined(filters.min_memory_gb);
      return unwrap(
        api.GET('/api/v1/catalog/plans', {
          params: {
            query: {
              sort: 'price',
              limit: 500,
              ...(filters.provider_type === '' ? {} : { provider_type: filters.provider_type }),
              ...(vcpus === undefined ? {} : { min_vcpus: vcpus }),
              ...(memory === undefined ? {} : { min_memory_gb: memory }),
            },
          },
        }),
      );
    },
  });
  const sync = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/catalog/sync', { body: {} })),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['catalog'] }),
  });
  return (
    <section>
      <h1 tabIndex={-1}>Catalog</h1>
      <form className="filters" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor={ids.type}>Provider type</label>
          <input id={ids.type} value={filters.provider_type} onChange={(event) => setSearch({ ...filters, provider_type: event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={ids.vcpus}>At least vCPUs</label>
          <input id={ids.vcpus} type="number" min={0} value={filters.min_vcpus} onChange={(event) => setSearch({ ...filters, min_vcpus: event.target.value })} />
        </div>
        <div className="field">
          <label htmlFor={ids.memory}>At least memory (GB)</label>
          <input id={ids.memory} type="number" min={0} step="0.5" value={filters.min_memory_gb} onChange={(event) => setSearch({ ...filters, min_memory_gb: event.target.value })} />
        </div>
        {canAdminister ? (
          <button type="button" onClick={() => sync.mutate()} disabled={sync.isPending}>
            {sync.isPending ? 'Syncing…' : 'Sync the catalog now'}
          </button>
        ) : null}
      </form>
      {sync.error ? <ErrorPanel error={sync.error} title="The catalog sync failed" /> : null}
      {sync.data ? (
        <p role="status">
          Synced: {sync.data.providers.map((provider) => `${provider.provider} ${provider.ok ? `${provider.plans} plans` : `failed (${provider.error ?? 'unknown'})`}`).join('; ')}.
        </p>
      ) : null}
      <QueryState
        query={plans}
        label="plans"
        isEmpty={(list) => list.plans.length === 0}
        empty={canAdminister ? 'No plan in the stored catalog: sync it.' : 'No plan in the stored catalog yet: an administrator syncs it.'}
      >
        {(list) => (
          <TableRegion label="Plans">
            <table>
              <caption className="visually-hidden">Plans, cheapest first ({list.total})</caption>
              <thead>
                <tr>
                  <th scope="col">Plan</th>
                  <th scope="col">Provider</th>
                  <th scope="col" className="number">vCPUs</th>
                  <th scope="col" className="number">Memory</th>
                  <th scope="col" className="number">Disk</th>
                  <th scope="col" className="number">Hourly</th>
                  <th scope="col" className="number">Monthly</th>
                </tr>
              </thead>
              <tbody>
                {list.plans.map((plan) => (
                  <tr key={`${plan.provider}/${plan.planId}`}>
                    <th scope="row">
                      {plan.name} <span className="hint">({plan.planId})</span>
                    </th>
                    <td>
                      {plan.provider} <span className="hint">{plan.providerType}</span>
                    </td>
                    <td className="number">{plan.vcpus}</td>
                    <td className="number">{formatMemory(plan.memoryGb)}</td>
                    <td className="number">{plan.diskGb} GB</td>
                    <td className="number">{formatMoney(plan.priceHourly, plan.currency)}</td>
                    <td className="number">{formatMoney(plan.priceMonthly, plan.currency, 2)}</td>
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
