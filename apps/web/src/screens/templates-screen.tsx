import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/api-client';
import type { Template } from '../api/schema-types';
import { FilteredList, useFilterValues, type ListColumn, type ListFilter } from '../components/filtered-list';
import { Link } from '../routing/link';

const FILTERS: readonly ListFilter[] = [{ name: 'q', label: 'Search', kind: 'search' }];

const COLUMNS: readonly ListColumn<Template>[] = [
  { header: 'Template', rowHeader: true, cell: (template) => <Link href={`/templates/${encodeURIComponent(template.templateId)}`}>{template.templateId}</Link> },
  { header: 'Provider', cell: (template) => template.providerName ?? template.providerType ?? 'any' },
  { header: 'Plan', cell: (template) => template.vmType ?? (Object.keys(template.vmTypes ?? {}).join(', ') || '—') },
  { header: 'Image', cell: (template) => template.imageId ?? '—' },
  { header: 'Max', numeric: true, cell: (template) => (template.maxNumber === -1 ? 'no limit' : template.maxNumber) },
  { header: 'Enabled', cell: (template) => (template.enabled ? 'yes' : 'no') },
];

/** The usable templates, searchable by text. */
export function TemplatesScreen() {
  const values = useFilterValues(FILTERS);
  const text = values['q'] ?? '';
  const templates = useQuery({
    queryKey: ['templates', text],
    queryFn: () => unwrap(api.GET('/api/v1/templates', { params: { query: text === '' ? {} : { q: text } } })),
  });
  return (
    <section>
      <h1 tabIndex={-1}>Templates</h1>
      <FilteredList
        label="Templates"
        filters={FILTERS}
        values={values}
        query={templates}
        items={(list) => list.templates}
        total={(list) => list.total}
        rowKey={(template) => template.templateId}
        columns={COLUMNS}
        search
        empty="No template matches. Templates come from the configuration's template files or POST /templates."
      />
    </section>
  );
}
