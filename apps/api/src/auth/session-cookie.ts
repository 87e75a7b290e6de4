/**
 * The console's session: the API key the person signed in with, kept by the browser in an
 * httpOnly cookie the page's scripts cannot read (so a script injected into the page cannot
 * take the key away), sent by the browser on same-site requests only (SameSite=Strict).
 * The cookie holds the key itself rather than an id into a session table: every replica checks
 * it exactly as it checks the `Authorization` header, with no shared session state, and a key
 * removed from the configuration ends its sessions at once.
 */
export const SESSION_COOKIE_NAME = 'ohf_session';

/**
 * The header a request authenticated by the cookie must carry to change anything. A page on
 * another origin cannot add a custom header to a cross-origin request without a CORS
 * preflight, which this API never grants, so the header proves the request came from the
 * console's own scripts. SameSite=Strict already keeps other sites' requests from carrying the
 * cookie; the header also covers browsers or proxies that do not honour SameSite, and sibling
 * subdomains, which count as the same site.
 */
export const CSRF_HEADER_NAME = 'x-ohf-csrf';

/** How long the browser keeps the cookie (the key is checked on every request regardless). */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/** The session cookie's value in a `Cookie` header, or undefined when there is none. */
export function sessionKeyOf(cookieHeader: string | string[] | undefined): string | undefined {
  if (typeof cookieHeader !== 'string') return undefined;
  for (const pair of cookieHeader.split(';')) {
    const separator = pair.indexOf('=');
    if (separator < 0) continue;
    if (pair.slice(0, separator).trim() !== SESSION_COOKIE_NAME) continue;
    const value = pair.slice(separator + 1).trim();
    try {
      return decodeURIComponent(value);
    } catch {
      // A value that is not valid percent-encoding is no key we issued.
      return '';
    }
  }
  return undefined;
}

export interface SessionCookieOptions {
  /** Served over https: the cookie is marked Secure so it never travels in clear. */
  readonly secure: boolean;
}

/** The `Set-Cookie` value that starts a session holding `key`. */
export function sessionCookie(key: string, options: SessionCookieOptions): string {
  return [
    `${SESSION_COOKIE_NAME}=${encodeURIComponent(key)}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Strict',
    `Max-Age=${SESSION_MAX_AGE_SECONDS}`,
    ...(options.secure ? ['Secure'] : []),
  ].join('; ');
}

/** The `Set-Cookie` value that ends the session. */
export function clearedSessionCookie(options: SessionCookieOptions): string {
  return [`${SESSION_COOKIE_NAME}=`, 'Path=/', 'HttpOnly', 'SameSite=Strict', 'Max-Age=0', ...(options.secure ? ['Secure'] : [])].join('; ');
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** True when a request that came with the session cookie may go on: it reads, or it carries the console's header. */
export function passesCsrfCheck(method: string, headers: Readonly<Record<string, string | string[] | undefined>>): boolean {
  return SAFE_METHODS.has(method.toUpperCase()) || headers[CSRF_HEADER_NAME] === '1';
}
