import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { api, unwrap } from '../api/api-client';
import { QueryState } from '../components/query-state';
import { TableRegion } from '../components/table-region';
import { Link } from '../routing/link';
import { useRoute } from '../routing/use-route';

/** The usable templates, searchable by text. */
export function TemplatesScreen() {
  const { search, setSearch } = useRoute();
  const text = search.get('q') ?? '';
  const searchId = useId();
  const templates = useQuery({
    queryKey: ['templates', text],
    queryFn: () => unwrap(api.GET('/api/v1/templates', { params: { query: text === '' ? {} : { q: text } } })),
  });
  return (
    <section>
      <h1 tabIndex={-1}>Templates</h1>
      <form className="filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <div className="field">
          <label htmlFor={searchId}>Search</label>
          <input id={searchId} type="search" value={text} onChange={(event) => setSearch({ q: event.target.value })} />
        </div>
      </form>
      <QueryState query={templates} label="templates" isEmpty={(list) => list.templates.length === 0} empty="No template matches. Templates come from the configuration's template files or POST /templates.">
        {(list) => (
          <TableRegion label="Templates">
            <table>
              <caption className="visually-hidden">Templates ({list.total})</caption>
              <thead>
                <tr>
                  <th scope="col">Template</th>
                  <th scope="col">Provider</th>
                  <th scope="col">Plan</th>
                  <th scope="col">Image</th>
                  <th scope="col" className="number">Max</th>
                  <th scope="col">Enabled</th>
                </tr>
              </thead>
              <tbody>
                {list.templates.map((template) => (
                  <tr key={template.templateId}>
                    <th scope="row">
                      <Link href={`/templates/${encodeURIComponent(template.templateId)}`}>{template.templateId}</Link>
                    </th>
                    <td>{template.providerName ?? template.providerType ?? 'any'}</td>
                    <td>{template.vmType ?? (Object.keys(template.vmTypes ?? {}).join(', ') || '—')}</td>
                    <td>{template.imageId ?? '—'}</td>
                    <td className="number">{template.maxNumber === -1 ? 'no limit' : template.maxNumber}</td>
                    <td>{template.enabled ? 'yes' : 'no'}</td>
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
