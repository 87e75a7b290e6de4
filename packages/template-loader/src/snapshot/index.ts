/**
 * `@ohf/template-loader/snapshot`: the start-up fast path for `getAvailableTemplates`. It
 * imports neither zod nor the domain package; see `readTemplateSnapshot`.
 */
export {
  readTemplateSnapshot,
  TEMPLATE_SNAPSHOT_VERSION,
  type ReadTemplateSnapshotOptions,
  type TemplateSnapshotScope,
} from './template-snapshot.js';
export type { HostFactoryTemplate } from '../host-factory/to-host-factory-template.js';
