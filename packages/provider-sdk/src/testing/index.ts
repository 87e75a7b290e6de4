/**
 * The conformance kit and test doubles for provider authors (published as @ohf/provider-sdk/testing).
 */
export { VERSION } from '../version.js';
