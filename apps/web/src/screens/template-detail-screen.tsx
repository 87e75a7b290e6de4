import { useMutation, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { api, unwrap } from '../api/api-client';
import { ErrorPanel } from '../components/error-panel';
import { QueryState } from '../components/query-state';
import { useCan } from '../session/session-context';
import { RequestFromTemplate } from './request-from-template';
import { TableRegion } from '../components/table-region';

const LEVELS = ['STRICT', 'LENIENT', 'BASIC'] as const;

function fieldValue(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** Where a top-level field came from: its own source, or those of the paths under it (`attributes.ncpus`). */
export function sourceOfField(sources: Readonly<Record<string, unknown>>, name: string): string {
  const describe = (source: unknown) => {
    const { level, file, priority } = (source ?? {}) as { level?: string; file?: string; priority?: number };
    return level === 'default' ? 'default' : `${file ?? level ?? '?'} (${level ?? '?'}, priority ${priority ?? 0})`;
  };
  if (name in sources) return describe(sources[name]);
  const nested = [...new Set(Object.entries(sources).filter(([path]) => path.startsWith(`${name}.`)).map(([, source]) => describe(source)))];
  return nested.length === 0 ? '—' : nested.join('; ');
}

/** One template as requests resolve it (with the file behind each field when known), and validation. */
export function TemplateDetailScreen({ templateId }: { readonly templateId: string }) {
  const canWrite = useCan('write');
  const [level, setLevel] = useState<(typeof LEVELS)[number]>('STRICT');
  const [instance, setInstance] = useState('');
  const ids = { level: useId(), instance: useId() };
  const template = useQuery({
    queryKey: ['template', templateId],
    queryFn: () => unwrap(api.GET('/api/v1/templates/{id}', { params: { path: { id: templateId }, query: { source_info: 'true' } } })),
  });
  const providers = useQuery({ queryKey: ['providers'], queryFn: () => unwrap(api.GET('/api/v1/providers')) });
  const validate = useMutation({
    mutationFn: () =>
      unwrap(api.POST('/api/v1/templates/validate', { body: { templateId, level, ...(instance === '' ? {} : { provider_instance: instance }) } })),
  });
  return (
    <section>
      <h1 tabIndex={-1}>Template {templateId}</h1>
      <QueryState query={template} label="the template">
        {({ template: fields, sourceInfo }) => (
          <>
            {sourceInfo ? (
              <p className="hint">
                Merged from {sourceInfo.files.length === 0 ? 'no file' : sourceInfo.files.join(', ')}
                {sourceInfo.valid ? '' : ` — ${sourceInfo.problems.length} problem(s) found`}.
              </p>
            ) : null}
            <TableRegion label="Template fields">
              <table>
                <caption className="visually-hidden">Fields of {templateId} and where each comes from</caption>
                <thead>
                  <tr>
                    <th scope="col">Field</th>
                    <th scope="col">Value</th>
                    <th scope="col">From (file, priority)</th>
                  </tr>
                </thead>
                <tbody>
                  {Object.entries(fields).map(([name, value]) => (
                    <tr key={name}>
                      <th scope="row">{name}</th>
                      <td>
                        <code className="wrap">{fieldValue(value)}</code>
                      </td>
                      <td className="hint">{sourceOfField(sourceInfo?.fields ?? {}, name)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          </>
        )}
      </QueryState>

      {canWrite ? (
        <>
          <h2>Request machines</h2>
          <RequestFromTemplate templateId={templateId} />
        </>
      ) : null}

      <h2>Validate</h2>
      <form
        className="filters card"
        onSubmit={(event) => {
          event.preventDefault();
          validate.mutate();
        }}
      >
        <div className="field">
          <label htmlFor={ids.level}>Level</label>
          <select id={ids.level} value={level} onChange={(event) => setLevel(event.target.value as (typeof LEVELS)[number])}>
            {LEVELS.map((value) => (
              <option key={value}>{value}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.instance}>Against provider instance</label>
          <select id={ids.instance} value={instance} onChange={(event) => setInstance(event.target.value)}>
            <option value="">None</option>
            {(providers.data?.providers ?? []).map((provider) => (
              <option key={provider.name}>{provider.name}</option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={validate.isPending}>
          {validate.isPending ? 'Validating…' : 'Validate'}
        </button>
      </form>
      {validate.error ? <ErrorPanel error={validate.error} title="Validation could not run" /> : null}
      {validate.data ? (
        <div className="card" role="status">
          <p>
            <strong>{validate.data.valid ? 'Valid' : 'Not valid'}</strong> at level {validate.data.level}
            {validate.data.providerInstance ? ` against ${validate.data.providerInstance}` : ''}.
          </p>
          {[...validate.data.errors, ...validate.data.warnings].length === 0 ? <p>No error, no warning.</p> : null}
          <ul className="plain">
            {[...validate.data.errors, ...validate.data.warnings].map((finding, index) => (
              <li key={index}>
                <span className={finding.severity === 'error' ? 'badge badge-bad' : 'badge badge-warn'}>{finding.severity}</span> <code>{finding.code}</code>{' '}
                {finding.field ? <code>{finding.field}</code> : null} {finding.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
