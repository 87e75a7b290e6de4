import type { TemplateFileLevel, TemplateFileReference } from '../hierarchy/template-files.js';
import { flattenFields, valueAtPath } from './field-paths.js';
import type { MergeLayer } from './merge-template-files.js';

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

const sourceByFile = new WeakMap<TemplateFileReference, FieldSource>();

function sourceOf(file: TemplateFileReference): FieldSource {
  let source = sourceByFile.get(file);
  if (source === undefined) {
    source = Object.freeze({ level: file.level, file: file.name, priority: file.priority });
    sourceByFile.set(file, source);
  }
  return source;
}

/**
 * Provenance of every merged field: the last (highest-priority) layer that set a path is the
 * one whose value survived, since an unset applied after it would have removed the path.
 */
export function sourcesFromLayers(
  values: Readonly<Record<string, unknown>>,
  layers: readonly MergeLayer[],
  derivedPaths: readonly string[] = [],
): Record<string, FieldSource> {
  const sources: Record<string, FieldSource> = {};
  for (const path of flattenFields(values).keys()) {
    for (let index = layers.length - 1; index >= 0; index -= 1) {
      const layer = layers[index];
      const value = layer === undefined ? undefined : valueAtPath(layer.fields, path);
      if (layer !== undefined && value !== undefined && value !== null) {
        sources[path] = sourceOf(layer.file);
        break;
      }
    }
  }
  for (const path of derivedPaths) sources[path] = DEFAULT_SOURCE;
  return sources;
}

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

/** Sources, or a way to compute them only when a problem needs a file name. */
export type SourcesProvider = FieldSources | (() => FieldSources);

export function resolveSources(provider: SourcesProvider): FieldSources {
  return typeof provider === 'function' ? provider() : provider;
}
