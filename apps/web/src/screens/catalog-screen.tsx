import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../api/api-client';
import { ErrorPanel } from '../components/error-panel';
import { formatMemory, formatMoney } from '../components/format';
import type { CatalogPlan } from '../api/schema-types';
import { FilteredList, useFilterValues, type ListColumn, type ListFilter } from '../components/filtered-list';
import { usePlatformAdmin } from '../session/session-context';

const numberOrUndefined = (text: string) => (text === '' || Number.isNaN(Number(text)) ? undefined : Number(text));

const FILTERS: readonly ListFilter[] = [
  { name: 'provider_type', label: 'Provider type' },
  { name: 'min_vcpus', label: 'At least vCPUs', kind: 'number', min: 0 },
  { name: 'min_memory_gb', label: 'At least memory (GB)', kind: 'number', min: 0, step: '0.5' },
];

const COLUMNS: readonly ListColumn<CatalogPlan>[] = [
  {
    header: 'Plan',
    rowHeader: true,
    cell: (plan) => (
      <>
        {plan.name} <span className="hint">({plan.planId})</span>
      </>
    ),
  },
  {
    header: 'Provider',
    cell: (plan) => (
      <>
        {plan.provider} <span className="hint">{plan.providerType}</span>
      </>
    ),
  },
  { header: 'vCPUs', numeric: true, cell: (plan) => plan.vcpus },
  { header: 'Memory', numeric: true, cell: (plan) => formatMemory(plan.memoryGb) },
  { header: 'Disk', numeric: true, cell: (plan) => `${plan.diskGb} GB` },
  { header: 'Hourly', numeric: true, cell: (plan) => formatMoney(plan.priceHourly, plan.currency) },
  { header: 'Monthly', numeric: true, cell: (plan) => formatMoney(plan.priceMonthly, plan.currency, 2) },
];

/** Plans across every provider instance, cheapest first, with the price users pay (markup included). */
export function CatalogScreen() {
  const canAdminister = usePlatformAdmin();
  const client = useQueryClient();
  const values = useFilterValues(FILTERS);
  const filters = { provider_type: values['provider_type'] ?? '', min_vcpus: values['min_vcpus'] ?? '', min_memory_gb: values['min_memory_gb'] ?? '' };
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
      {sync.error ? <ErrorPanel error={sync.error} title="The catalog sync failed" /> : null}
      {sync.data ? (
        <p role="status">
          Synced: {sync.data.providers.map((provider) => `${provider.provider} ${provider.ok ? `${provider.plans} plans` : `failed (${provider.error ?? 'unknown'})`}`).join('; ')}.
        </p>
      ) : null}
      <FilteredList
        label="Plans"
        caption="Plans, cheapest first"
        filters={FILTERS}
        values={values}
        query={plans}
        items={(list) => list.plans}
        total={(list) => list.total}
        rowKey={(plan) => `${plan.provider}/${plan.planId}`}
        columns={COLUMNS}
        empty={canAdminister ? 'No plan in the stored catalog: sync it.' : 'No plan in the stored catalog yet: an administrator syncs it.'}
        actions={
          canAdminister ? (
            <button type="button" onClick={() => sync.mutate()} disabled={sync.isPending}>
              {sync.isPending ? 'Syncing…' : 'Sync the catalog now'}
            </button>
          ) : undefined
        }
      />
    </section>
  );
}
