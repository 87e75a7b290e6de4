import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorPanel } from './error-panel';

/**
 * The three states every list and detail has besides its data: loading, failed (with the API's
 * message and code and a retry), and empty (saying what would fill it). Never a blank area.
 */
export function QueryState<Data>({
  query,
  label,
  isEmpty,
  empty,
  children,
}: {
  readonly query: UseQueryResult<Data>;
  readonly label: string;
  readonly isEmpty?: (data: Data) => boolean;
  readonly empty?: ReactNode;
  readonly children: (data: Data) => ReactNode;
}) {
  if (query.isPending) {
    return (
      <p className="loading" role="status">
        Loading {label}…
      </p>
    );
  }
  if (query.isError) {
    return (
      <div>
        <ErrorPanel error={query.error} title={`Could not load ${label}`} />
        <button type="button" onClick={() => void query.refetch()}>
          Retry
        </button>
      </div>
    );
  }
  if (isEmpty?.(query.data) === true) return <p className="empty">{empty ?? `No ${label} yet.`}</p>;
  return <>{children(query.data)}</>;
}
