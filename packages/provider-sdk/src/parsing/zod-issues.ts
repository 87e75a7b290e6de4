import type { z } from 'zod';

export interface FieldIssue {
  /** Dotted path of the offending field ('' for the value itself). */
  readonly field: string;
  readonly message: string;
}

/** zod issues as dotted field paths; messages never include the rejected values. */
export function fieldIssues(error: Pick<z.ZodError, 'issues'>, prefix?: string): FieldIssue[] {
  return error.issues.map((issue) => ({
    field: joinPath(prefix, issue.path),
    message: issue.message,
  }));
}

export function describeIssues(issues: readonly FieldIssue[], limit = 3): string {
  const shown = issues.slice(0, limit).map((issue) => (issue.field ? `${issue.field}: ${issue.message}` : issue.message));
  const more = issues.length > limit ? ` (and ${issues.length - limit} more)` : '';
  return `${shown.join('; ')}${more}`;
}

function joinPath(prefix: string | undefined, path: readonly PropertyKey[]): string {
  const parts = [...(prefix ? [prefix] : []), ...path.map((part) => String(part))];
  return parts.join('.');
}
