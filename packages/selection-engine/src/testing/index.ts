/**
 * Helpers for tests and benchmarks of code using the engine (published as
 * @ohf/selection-engine/testing): a seeded random source, so RANDOM selections repeat.
 */
export { seededRandom } from '../random/random-source.js';
