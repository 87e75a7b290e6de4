import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is packages/provider-linode/src/contract/). */
export const REPOSITORY_ROOT = fileURLToPath(new URL('../../../../../', import.meta.url));

/**
 * Linode's official OpenAPI document, X-Filter declared as JSON so a mock accepts it. It lives
 * beside the repository (`<repo>/../shared/specs`), where CI places it; LINODE_OPENAPI_SPEC
 * overrides the location.
 */
export const LINODE_SPECIFICATION_PATH =
  process.env['LINODE_OPENAPI_SPEC'] ?? resolve(REPOSITORY_ROOT, '..', 'shared', 'specs', 'linode-openapi.xfilter-fixed.json');

/** Fails loudly: contract tests must never be skipped because the document is missing. */
export function requireLinodeSpecification(): string {
  if (!existsSync(LINODE_SPECIFICATION_PATH)) {
    throw new Error(
      `Linode contract tests need the official OpenAPI document at ${LINODE_SPECIFICATION_PATH} ` +
        '(shared/specs beside the repository, or set LINODE_OPENAPI_SPEC). It is missing, so the contract cannot be checked.',
    );
  }
  return LINODE_SPECIFICATION_PATH;
}
