import { apiError, type ApiError } from '../http/api-error.js';
import { presentedKeyOf } from './authenticator.js';
import { passesCsrfCheck, sessionKeyOf } from './session-cookie.js';

type Headers = Readonly<Record<string, string | string[] | undefined>>;

/**
 * The key a request presents, from a header first, else from the console's session cookie,
 * or the refusal of a cookie-borne change that lacks the console's CSRF header. A header wins
 * over the cookie so a script with its own key is never mistaken for the signed-in person.
 */
export function presentedCredentialOf(method: string, headers: Headers): { readonly key: string | undefined; readonly refusal?: ApiError } {
  const fromHeader = presentedKeyOf(headers);
  if (fromHeader !== undefined) return { key: fromHeader };
  const fromCookie = sessionKeyOf(headers.cookie);
  if (fromCookie === undefined) return { key: undefined };
  if (!passesCsrfCheck(method, headers)) {
    return { key: fromCookie, refusal: csrfRefusal() };
  }
  return { key: fromCookie };
}

export function csrfRefusal(): ApiError {
  return apiError('FORBIDDEN', 'A change made with the console session must carry the header "X-OHF-CSRF: 1".', {
    reason: 'CSRF_HEADER_MISSING',
    header: 'X-OHF-CSRF',
  });
}
