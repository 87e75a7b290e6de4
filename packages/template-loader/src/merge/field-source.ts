import type { TemplateFileLevel } from '../hierarchy/template-file-hierarchy.js';

/**
 * Where a field's value came from. `level: 'default'` marks a value the loader filled in
 * because no file gave one (then there is no file and the priority is 0).
 */
export interface FieldSource {
  readonly level: TemplateFileLevel | 'default';
  readonly file?: string;
  readonly priority: number;
}

export type FieldSources = Readonly<Record<string, FieldSource>>;

export const DEFAULT_SOURCE: FieldSource = Object.freeze({ level: 'default', priority: 0 });

/**
 * The source that explains a field path such as `subnetIds[1]` or `attributes.ncpus[0]`:
 * the exact path, else its nearest parent, else the best child (for a whole map), else the
 * file that defines the template at the highest priority.
 */
export function sourceForPath(sources: FieldSources, path: string): FieldSource | undefined {
  let candidate = path;
  for (;;) {
    const found = sources[candidate];
    if (found !== undefined) return found;
    const cut = Math.max(candidate.lastIndexOf('.'), candidate.lastIndexOf('['));
    if (cut <= 0) break;
    candidate = candidate.slice(0, cut);
  }
  let best: FieldSource | undefined;
  for (const [key, source] of Object.entries(sources)) {
    if (key.startsWith(`${candidate}.`) && (best === undefined || source.priority > best.priority)) best = source;
  }
  return best ?? sources['templateId'];
}
