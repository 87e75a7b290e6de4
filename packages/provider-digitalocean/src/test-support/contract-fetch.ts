/** One entry of Prism's `sl-violations` header. */
export interface PrismViolation {
  readonly location: readonly string[];
  readonly severity?: string;
  readonly code?: string | number;
  readonly message: string;
}

export interface ContractCall {
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** The JSON body sent, if any. */
  readonly body?: unknown;
  readonly requestViolations: readonly PrismViolation[];
}

/**
 * A fetch for contract tests: it passes calls to the Prism mock, adds a `Prefer` header
 * chosen per call (to force an example or an error status), and records every answer's
 * request violations from `sl-violations`. Response violations are ignored: they judge the
 * spec's own examples, not our client.
 */
export class ContractFetch {
  readonly calls: ContractCall[] = [];
  #prefer: (method: string, path: string) => string | undefined = () => undefined;

  readonly fetch: typeof globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const url = new URL(request.url);
    const prefer = this.#prefer(request.method, url.pathname);
    if (prefer) request.headers.set('prefer', prefer);
    const sent = request.body === null ? '' : await request.clone().text();
    const response = await globalThis.fetch(request);
    this.calls.push({
      method: request.method,
      path: `${url.pathname}${url.search}`,
      status: response.status,
      ...(sent === '' ? {} : { body: JSON.parse(sent) as unknown }),
      requestViolations: requestViolationsOf(response.headers),
    });
    return response;
  };

  /** Sends `Prefer: <value>` on calls the filter picks, until the next `prefer` or `reset`. */
  prefer(value: string, only: (method: string, path: string) => boolean = () => true): void {
    this.#prefer = (method, path) => (only(method, path) ? value : undefined);
  }

  reset(): void {
    this.calls.length = 0;
    this.#prefer = () => undefined;
  }

  /** Every request violation seen, with the call it belongs to. */
  violations(): { call: string; violation: PrismViolation }[] {
    return this.calls.flatMap((call) => call.requestViolations.map((violation) => ({ call: `${call.method} ${call.path}`, violation })));
  }
}

function requestViolationsOf(headers: Headers): PrismViolation[] {
  const header = headers.get('sl-violations');
  if (!header) return [];
  const parsed = JSON.parse(header) as PrismViolation[];
  return parsed.filter((violation) => violation.location[0] === 'request');
}
