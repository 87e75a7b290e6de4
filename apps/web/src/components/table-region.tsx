import type { ReactNode } from 'react';

/**
 * A wide table's scroll area: at 390 px tables scroll sideways inside it, not the page, and it
 * is focusable and named so a keyboard user can scroll it too.
 */
export function TableRegion({ label, children }: { readonly label: string; readonly children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
