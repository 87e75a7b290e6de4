import { apiError, type ApiError } from '../http/api-error.js';

/**
 * The answer for an organization, user or key the caller may not see: the same as for one that
 * does not exist, so an id tells nothing about other organizations.
 */
export function tenancyNotFound(kind: 'organization' | 'user' | 'API key', id: string): ApiError {
  return apiError('NOT_FOUND', `No ${kind} "${id}".`, { [kind === 'API key' ? 'key_id' : kind === 'user' ? 'user_id' : 'organization_id']: id });
}
