import { createHash } from 'node:crypto';
import { createParsedDocuments } from '@ohf/persistence';
import type { LoadedConfiguration } from '@ohf/runtime';
import type { CompositionReuse, ConfigurationRequest } from '../composition/compose-runtime.js';
import { configurationKey, directoriesOf } from '../fast-path/template-fast-path.js';

/** Configurations kept at once: one per Symphony provider instance served, with room to spare. */
const MAX_CONFIGURATIONS = 16;
/**
 * Parsed machine documents kept across calls: every machine of a 10,000-machine poll, with room
 * to spare (about 2 KB each, text and value). A poll of more machines than this reads them in
 * turn out of the cache and parses each again, as without it.
 */
const KEPT_MACHINE_DOCUMENTS = 32_768;

/**
 * The configuration the helper keeps from one call to the next, keyed by everything its loading
 * reads: the whole environment (`${NAME}` references may name any variable), the current and
 * config directories, and the identity (mtime, size, inode) of every configuration file the
 * runtime may read, looked at again on every call. An edited file or another environment loads
 * it anew. Each call gets its own copy, so a command that changes its configuration in memory
 * changes nothing for the next.
 */
export class CompositionReuseCache implements CompositionReuse {
  /**
   * Storage is opened anew by each call; what it parsed is kept for the next, reused only for the
   * exact text and version of a row (a status poll reads the same machines every few seconds).
   */
  readonly parsedDocuments = createParsedDocuments({ machines: KEPT_MACHINE_DOCUMENTS });
  readonly #configurations = new Map<string, Promise<LoadedConfiguration>>();
  #loads = 0;

  /** How many times a configuration was read from its files (not from this cache). */
  get loads(): number {
    return this.#loads;
  }

  async configuration(request: ConfigurationRequest, load: () => Promise<LoadedConfiguration>): Promise<LoadedConfiguration> {
    const key = this.#keyOf(request);
    let loaded = this.#configurations.get(key);
    if (loaded === undefined) {
      this.#loads += 1;
      loaded = load();
      // An invalid configuration is reported on every call, never remembered.
      loaded.catch(() => this.#configurations.delete(key));
      this.#configurations.set(key, loaded);
      if (this.#configurations.size > MAX_CONFIGURATIONS) this.#configurations.delete(this.#configurations.keys().next().value!);
    } else {
      // Most recently used last: the oldest is dropped first.
      this.#configurations.delete(key);
      this.#configurations.set(key, loaded);
    }
    return structuredClone(await loaded);
  }

  #keyOf(request: ConfigurationRequest): string {
    const { configDirectory } = directoriesOf(request.environment, request.currentDirectory, request.configDirectory);
    const environment = Object.entries(request.environment)
      .filter(([, value]) => value !== undefined)
      .sort(([left], [right]) => (left < right ? -1 : left > right ? 1 : 0));
    return createHash('sha256')
      .update(JSON.stringify([configurationKey(configDirectory, request.environment), configDirectory, request.currentDirectory, request.configDirectory ?? null, environment]))
      .digest('hex');
  }
}
