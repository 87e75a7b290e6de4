import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { api, unwrap } from '../api/api-client';
import { formatMemory, formatMoney, priceFor } from '../components/format';
import { QueryState } from '../components/query-state';
import { StatusBadge } from '../components/status-badge';
import type { WizardChoices } from './wizard-choices';

export interface StepProps {
  readonly choices: WizardChoices;
  readonly change: (fields: Partial<WizardChoices>) => void;
}

export function ProviderStep({ choices, change }: StepProps) {
  const providers = useQuery({ queryKey: ['providers'], queryFn: () => unwrap(api.GET('/api/v1/providers')) });
  const ids = { vcpus: useId(), memory: useId() };
  return (
    <fieldset>
      <legend>Where should the machines run?</legend>
      <QueryState query={providers} label="provider instances" isEmpty={(list) => list.providers.length === 0} empty="No provider instance is configured.">
        {(list) => (
          <div className="choices">
            {list.providers.map((provider) => (
              <label key={provider.name} className="choice">
                <input
                  type="radio"
                  name="provider"
                  value={provider.name}
                  checked={choices.mode === 'provider' && choices.providerInstance === provider.name}
                  disabled={!provider.enabled}
                  onChange={() => change({ mode: 'provider', providerInstance: provider.name, plan: undefined, app: undefined, imageId: '', region: '' })}
                />
                <span>
                  <strong>{provider.name}</strong> ({provider.providerType}) <StatusBadge value={provider.enabled ? provider.status : 'disabled'} />
                </span>
              </label>
            ))}
            <label className="choice">
              <input
                type="radio"
                name="provider"
                value=""
                checked={choices.mode === 'cheapest'}
                onChange={() => change({ mode: 'cheapest', providerInstance: '', plan: undefined, app: undefined, imageId: '', region: '' })}
              />
              <span>
                <strong>Cheapest that fits</strong>: the lowest-priced plan of any instance with at least…
              </span>
            </label>
          </div>
        )}
      </QueryState>
      {choices.mode === 'cheapest' ? (
        <div className="filters">
          <div className="field">
            <label htmlFor={ids.vcpus}>vCPUs</label>
            <input id={ids.vcpus} type="number" min={1} value={choices.minimumVcpus} onChange={(event) => change({ minimumVcpus: Number(event.target.value), plan: undefined })} />
          </div>
          <div className="field">
            <label htmlFor={ids.memory}>Memory (GB)</label>
            <input id={ids.memory} type="number" min={0.5} step={0.5} value={choices.minimumMemoryGb} onChange={(event) => change({ minimumMemoryGb: Number(event.target.value), plan: undefined })} />
          </div>
        </div>
      ) : null}
    </fieldset>
  );
}

export function PlanStep({ choices, change }: StepProps) {
  const query =
    choices.mode === 'provider'
      ? { provider: choices.providerInstance, sort: 'price' as const }
      : { min_vcpus: choices.minimumVcpus, min_memory_gb: choices.minimumMemoryGb, sort: 'price' as const };
  const plans = useQuery({ queryKey: ['catalog', 'plans', query], queryFn: () => unwrap(api.GET('/api/v1/catalog/plans', { params: { query } })) });
  return (
    <fieldset>
      <legend>{choices.mode === 'provider' ? `Plans of ${choices.providerInstance}, cheapest first` : 'Plans that fit, cheapest first'}</legend>
      <QueryState query={plans} label="plans" isEmpty={(list) => list.plans.length === 0} empty="No plan: the catalog may not be synced yet (Catalog → Sync), or nothing fits.">
        {(list) => (
          <div className="choices">
            {list.plans.map((plan) => (
              <label key={`${plan.provider}/${plan.planId}`} className="choice">
                <input
                  type="radio"
                  name="plan"
                  value={`${plan.provider}/${plan.planId}`}
                  checked={choices.plan?.planId === plan.planId && choices.plan.provider === plan.provider}
                  onChange={() => change({ plan, app: undefined, imageId: '', region: plan.regions[0] ?? '' })}
                />
                <span>
                  <strong>{plan.name}</strong> on {plan.provider}: {plan.vcpus} vCPU, {formatMemory(plan.memoryGb)}, {plan.diskGb} GB disk —{' '}
                  {formatMoney(plan.priceHourly, plan.currency)} / hour, {formatMoney(plan.priceMonthly, plan.currency, 2)} / month
                </span>
              </label>
            ))}
          </div>
        )}
      </QueryState>
    </fieldset>
  );
}

export function DeploymentStep({ choices, change }: StepProps) {
  const provider = choices.plan?.provider ?? '';
  const apps = useQuery({ queryKey: ['catalog', 'apps', provider], queryFn: () => unwrap(api.GET('/api/v1/catalog/apps', { params: { query: { provider } } })) });
  return (
    <fieldset>
      <legend>Deploy an app at first boot?</legend>
      <QueryState query={apps} label="apps">
        {(list) => (
          <div className="choices">
            <label className="choice">
              <input type="radio" name="app" value="" checked={choices.app === undefined} onChange={() => change({ app: undefined })} />
              <span>
                <strong>None</strong>: a plain operating system
              </span>
            </label>
            {list.apps.map((app) => (
              <label key={app.appId} className="choice">
                <input type="radio" name="app" value={app.appId} checked={choices.app?.appId === app.appId} onChange={() => change({ app, imageId: '' })} />
                <span>
                  <strong>{app.name}</strong> ({app.kind === 'stackscript' ? 'StackScript' : 'Marketplace app'}){app.description ? `: ${app.description}` : ''}
                </span>
              </label>
            ))}
            {list.apps.length === 0 ? <p className="hint">{provider} offers no one-click app.</p> : null}
          </div>
        )}
      </QueryState>
    </fieldset>
  );
}

export function ImageStep({ choices, change }: StepProps) {
  const provider = choices.plan?.provider ?? '';
  const images = useQuery({ queryKey: ['catalog', 'images', provider], queryFn: () => unwrap(api.GET('/api/v1/catalog/images', { params: { query: { provider } } })) });
  const allowed = choices.app !== undefined && choices.app.imageIds.length > 0 ? new Set(choices.app.imageIds) : undefined;
  return (
    <fieldset>
      <legend>Operating system image{allowed ? ` (those ${choices.app?.name} runs on)` : ''}</legend>
      <QueryState query={images} label="images" isEmpty={(list) => list.images.length === 0} empty="No image in the stored catalog for this instance.">
        {(list) => (
          <div className="choices">
            {list.images
              .filter((image) => allowed === undefined || allowed.has(image.imageId))
              .map((image) => (
                <label key={image.imageId} className="choice">
                  <input type="radio" name="image" value={image.imageId} checked={choices.imageId === image.imageId} onChange={() => change({ imageId: image.imageId })} />
                  <span>
                    <strong>{image.name}</strong> <span className="hint">{image.imageId}</span>
                  </span>
                </label>
              ))}
          </div>
        )}
      </QueryState>
    </fieldset>
  );
}

export function ConfigurationStep({ choices, change }: StepProps) {
  const provider = choices.plan?.provider ?? '';
  const regions = useQuery({ queryKey: ['catalog', 'regions', provider], queryFn: () => unwrap(api.GET('/api/v1/catalog/regions', { params: { query: { provider } } })) });
  const ids = { count: useId(), region: useId(), keys: useId(), tags: useId(), userData: useId(), keysHelp: useId(), tagsHelp: useId() };
  const offered = new Set(choices.plan?.regions ?? []);
  return (
    <fieldset>
      <legend>Configuration</legend>
      <div className="form-grid">
        <label htmlFor={ids.count}>Number of machines</label>
        <input id={ids.count} type="number" min={1} max={100} value={choices.count} onChange={(event) => change({ count: Number(event.target.value) })} />

        <label htmlFor={ids.region}>Region</label>
        <select id={ids.region} value={choices.region} onChange={(event) => change({ region: event.target.value })}>
          <option value="">Choose…</option>
          {(regions.data?.regions ?? [])
            .filter((region) => region.available && (offered.size === 0 || offered.has(region.regionId)))
            .map((region) => (
              <option key={region.regionId} value={region.regionId}>
                {region.name} ({region.regionId})
              </option>
            ))}
        </select>

        <label htmlFor={ids.keys}>SSH public keys</label>
        <div>
          <textarea id={ids.keys} rows={3} value={choices.sshKeys} aria-describedby={ids.keysHelp} onChange={(event) => change({ sshKeys: event.target.value })} />
          <p id={ids.keysHelp} className="hint">
            One per line (DigitalOcean: key ids or fingerprints).
          </p>
        </div>

        <label htmlFor={ids.tags}>Tags</label>
        <div>
          <textarea id={ids.tags} rows={3} value={choices.tags} aria-describedby={ids.tagsHelp} onChange={(event) => change({ tags: event.target.value })} />
          <p id={ids.tagsHelp} className="hint">
            One <code>key=value</code> per line.
          </p>
        </div>

        <label htmlFor={ids.userData}>User data</label>
        <textarea id={ids.userData} rows={4} value={choices.userData} onChange={(event) => change({ userData: event.target.value })} />
      </div>
      {regions.isError ? <p className="hint">The regions could not be loaded: {regions.error.message}</p> : null}
    </fieldset>
  );
}

export function ReviewStep({ choices }: StepProps) {
  const plan = choices.plan;
  if (plan === undefined) return null;
  const price = priceFor(choices.count, plan.priceHourly, plan.priceMonthly);
  return (
    <fieldset>
      <legend>Review</legend>
      <dl className="facts">
        <dt>Machines</dt>
        <dd>
          {choices.count} × {plan.name} ({plan.planId})
        </dd>
        <dt>Provider instance</dt>
        <dd>
          {plan.provider} ({plan.providerType}){choices.mode === 'cheapest' ? ', the cheapest that fits' : ''}
        </dd>
        <dt>Deployment</dt>
        <dd>{choices.app ? `${choices.app.name} (${choices.app.kind === 'stackscript' ? 'StackScript' : 'Marketplace app'})` : 'none'}</dd>
        <dt>Image</dt>
        <dd>{choices.imageId}</dd>
        <dt>Region</dt>
        <dd>{choices.region}</dd>
        <dt>Price per hour</dt>
        <dd data-testid="review-hourly">{formatMoney(price.hourly, plan.currency)}</dd>
        <dt>Price per month</dt>
        <dd data-testid="review-monthly">{formatMoney(price.monthly, plan.currency, 2)}</dd>
      </dl>
    </fieldset>
  );
}
