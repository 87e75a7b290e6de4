import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../api/api-client';
import type { ProviderSummary } from '../api/schema-types';
import { ErrorPanel } from '../components/error-panel';
import { QueryState } from '../components/query-state';
import { StatusBadge } from '../components/status-badge';
import { useCan } from '../session/session-context';
import { ProviderActivityPanel } from './provider-activity-panel';
import { RegisterProviderForm } from './register-provider-form';

function ProviderDetails({ name }: { readonly name: string }) {
  const capabilities = useQuery({
    queryKey: ['provider', name, 'capabilities'],
    queryFn: () => unwrap(api.GET('/api/v1/providers/{name}/capabilities', { params: { path: { name } } })),
  });
  const health = useQuery({
    queryKey: ['provider', name, 'health'],
    queryFn: () => unwrap(api.GET('/api/v1/providers/{name}/health', { params: { path: { name } } })),
  });
  return (
    <div className="details">
      <h3>Capabilities</h3>
      <QueryState query={capabilities} label="capabilities">
        {(found) => (
          <dl className="facts">
            <dt>APIs</dt>
            <dd>{found.apis?.join(', ') || '—'}</dd>
            <dt>Pricing models</dt>
            <dd>{found.pricingModels?.join(', ') || '—'}</dd>
            <dt>Fleet types</dt>
            <dd>{found.fleetTypes?.join(', ') || '—'}</dd>
            <dt>Power actions</dt>
            <dd>{found.supportsStopStart ? 'yes' : 'no'}</dd>
            <dt>Limits</dt>
            <dd>{found.limitations ? `${found.limitations.maxInstancesPerCall} machines per call, ${found.limitations.describeBatchSize} per describe` : '—'}</dd>
          </dl>
        )}
      </QueryState>
      <h3>Health</h3>
      <QueryState query={health} label="health">
        {(found) => (
          <dl className="facts">
            <dt>Status</dt>
            <dd>
              <StatusBadge value={found.status} />
            </dd>
            <dt>Message</dt>
            <dd>{found.message ?? '—'}</dd>
            <dt>Circuit breaker and blocks</dt>
            <dd>
              <code className="wrap">{JSON.stringify(found.details ?? {})}</code>
            </dd>
          </dl>
        )}
      </QueryState>
    </div>
  );
}

/** Disable or enable an instance the organization registered; configuration-file instances change in the file. */
function EnableToggle({ provider }: { readonly provider: ProviderSummary }) {
  const client = useQueryClient();
  const change = useMutation({
    mutationFn: (enabled: boolean) => unwrap(api.PATCH('/api/v1/providers/{name}', { params: { path: { name: provider.name } }, body: { enabled } })),
    onSuccess: () => void client.invalidateQueries({ queryKey: ['providers'] }),
  });
  if (provider.registered !== true) return <p className="hint">Set in the configuration file: enabled or disabled there.</p>;
  const next = !provider.enabled;
  return (
    <div className="row-actions">
      <button type="button" className={next ? 'small' : 'danger small'} disabled={change.isPending} onClick={() => change.mutate(next)} aria-label={`${next ? 'Enable' : 'Disable'} ${provider.name}`}>
        {next ? 'Enable' : 'Disable'}
      </button>
      {change.error ? <ErrorPanel error={change.error} title={`${provider.name} was not ${next ? 'enabled' : 'disabled'}`} /> : null}
    </div>
  );
}

function ProviderCard({ provider, canAdminister }: { readonly provider: ProviderSummary; readonly canAdminister: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <li className="card">
      <h2>
        {provider.name} <StatusBadge value={provider.enabled ? provider.status : 'disabled'} />
      </h2>
      <p>
        Type <strong>{provider.providerType}</strong> · priority {provider.priority} · weight {provider.weight} · {provider.available ? 'available' : 'not available'}
      </p>
      {provider.reason ? <p className="hint">{provider.reason}</p> : null}
      <p className="hint">Declares: {provider.capabilities.join(', ') || '—'}</p>
      {canAdminister ? <EnableToggle provider={provider} /> : null}
      <h3>Activity</h3>
      <ProviderActivityPanel name={provider.name} />
      <button type="button" aria-expanded={open} onClick={() => setOpen(!open)}>
        {open ? 'Hide' : 'Show'} capabilities and health
      </button>
      {open ? <ProviderDetails name={provider.name} /> : null}
    </li>
  );
}

/**
 * Provider instances, their selection policy and fallback, the last 24 hours of each, their
 * capabilities and live health; admins register instances and enable or disable theirs.
 */
export function ProvidersScreen() {
  const canAdminister = useCan('admin');
  const providers = useQuery({ queryKey: ['providers'], queryFn: () => unwrap(api.GET('/api/v1/providers')), refetchInterval: 15_000 });
  return (
    <section>
      <h1 tabIndex={-1}>Providers</h1>
      <QueryState query={providers} label="provider instances" isEmpty={(list) => list.providers.length === 0} empty="No provider instance is configured.">
        {(list) => (
          <>
            <p>
              Selection policy <strong>{list.policy}</strong>
              {list.fallback.length > 0 ? `; fallback: ${list.fallback.join(' → ')}` : ''}.
            </p>
            <ul className="plain cards">
              {list.providers.map((provider) => (
                <ProviderCard key={provider.name} provider={provider} canAdminister={canAdminister} />
              ))}
            </ul>
          </>
        )}
      </QueryState>
      {canAdminister ? <RegisterProviderForm /> : null}
    </section>
  );
}
