import type { UseQueryResult } from '@tanstack/react-query';
import { useId, type ReactNode } from 'react';
import { useRoute } from '../routing/use-route';
import { QueryState } from './query-state';
import { TableRegion } from './table-region';

/** One filter of a list, kept in the URL under `name` so a filtered list can be linked and reloaded. */
export interface ListFilter {
  readonly name: string;
  readonly label: string;
  /** `select` offers "Any" and then `options`; the others are text inputs of that type. */
  readonly kind?: 'text' | 'search' | 'number' | 'select';
  readonly options?: readonly string[];
  readonly placeholder?: string;
  readonly min?: number;
  readonly step?: string;
}

/** One column: its header and how an item fills the cell. */
export interface ListColumn<Item> {
  readonly header: string;
  readonly cell: (item: Item) => ReactNode;
  /** Right-aligned figures. */
  readonly numeric?: boolean;
  /** The cell that names the row (`th scope="row"`); one per table, usually the first. */
  readonly rowHeader?: boolean;
}

/** The values of `filters` in the URL now ('' when absent), by filter name. */
export function useFilterValues(filters: readonly ListFilter[]): Readonly<Record<string, string>> {
  const { search } = useRoute();
  return Object.fromEntries(filters.map((filter) => [filter.name, search.get(filter.name) ?? '']));
}

/** What a select shows for a value: words, not identifiers (`in_progress` → `in progress`). */
const optionLabel = (value: string) => value.replaceAll('_', ' ');

function FilterField({ filter, value, onChange }: { readonly filter: ListFilter; readonly value: string; readonly onChange: (value: string) => void }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{filter.label}</label>
      {filter.kind === 'select' ? (
        <select id={id} value={value} onChange={(event) => onChange(event.target.value)}>
          <option value="">Any</option>
          {(filter.options ?? []).map((option) => (
            <option key={option} value={option}>
              {optionLabel(option)}
            </option>
          ))}
        </select>
      ) : (
        <input
          id={id}
          type={filter.kind ?? 'text'}
          value={value}
          {...(filter.placeholder === undefined ? {} : { placeholder: filter.placeholder })}
          {...(filter.min === undefined ? {} : { min: filter.min })}
          {...(filter.step === undefined ? {} : { step: filter.step })}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </div>
  );
}

/** The filter form of a list: one field per filter, each change kept in the URL at once; `children` go beside the fields. */
export function ListFilters({
  filters,
  values,
  search = false,
  children,
}: {
  readonly filters: readonly ListFilter[];
  readonly values: Readonly<Record<string, string>>;
  readonly search?: boolean;
  readonly children?: ReactNode;
}) {
  const { setSearch } = useRoute();
  return (
    <form className="filters" {...(search ? { role: 'search' } : {})} onSubmit={(event) => event.preventDefault()}>
      {filters.map((filter) => (
        <FilterField key={filter.name} filter={filter} value={values[filter.name] ?? ''} onChange={(value) => setSearch({ ...values, [filter.name]: value })} />
      ))}
      {children}
    </form>
  );
}

/**
 * The console's one list: filters kept in the URL, then the loading, error (with retry) and
 * empty states, then a table in a focusable scroll region with a caption for screen readers.
 * Screens say what to fetch, which filters and which columns; this draws the rest the same way
 * everywhere.
 */
export function FilteredList<Data, Item>({
  label,
  filters,
  values,
  query,
  items,
  total,
  rowKey,
  rowAttributes,
  columns,
  empty,
  caption,
  search = false,
  actions,
}: {
  /** What the list holds, capitalised ("Requests"): the table's region name and caption. */
  readonly label: string;
  readonly filters: readonly ListFilter[];
  /** From `useFilterValues(filters)`: what the screen fetched with. */
  readonly values: Readonly<Record<string, string>>;
  readonly query: UseQueryResult<Data>;
  readonly items: (data: Data) => readonly Item[];
  /** How many there are in all (may exceed the items shown), for the caption. */
  readonly total?: (data: Data) => number;
  readonly rowKey: (item: Item) => string;
  /** Extra `data-*` attributes of a row (tests and scripts find rows by them). */
  readonly rowAttributes?: (item: Item) => Readonly<Record<`data-${string}`, string>>;
  readonly columns: readonly (ListColumn<Item> | false)[];
  /** Said when nothing matches: what would fill the list. */
  readonly empty: ReactNode;
  /** The caption's words before the count, when they say more than `label` ("Plans, cheapest first"). */
  readonly caption?: string;
  /** The filters are a search (a `search` landmark). */
  readonly search?: boolean;
  /** Buttons beside the filters (e.g. a sync). */
  readonly actions?: ReactNode;
}) {
  const shown = columns.filter((column): column is ListColumn<Item> => column !== false);
  return (
    <>
      {filters.length > 0 || actions !== undefined ? (
        <ListFilters filters={filters} values={values} search={search}>
          {actions}
        </ListFilters>
      ) : null}
      <QueryState query={query} label={label.toLowerCase()} isEmpty={(data) => items(data).length === 0} empty={empty}>
        {(data) => (
          <TableRegion label={label}>
            <table>
              <caption className="visually-hidden">
                {caption ?? label} ({total?.(data) ?? items(data).length})
              </caption>
              <thead>
                <tr>
                  {shown.map((column) => (
                    <th key={column.header} scope="col" {...(column.numeric === true ? { className: 'number' } : {})}>
                      {column.header}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {items(data).map((item) => (
                  <tr key={rowKey(item)} {...rowAttributes?.(item)}>
                    {shown.map((column) =>
                      column.rowHeader === true ? (
                        <th key={column.header} scope="row">
                          {column.cell(item)}
                        </th>
                      ) : (
                        <td key={column.header} {...(column.numeric === true ? { className: 'number' } : {})}>
                          {column.cell(item)}
                        </td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        )}
      </QueryState>
    </>
  );
}
