import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { getResponse, type HttpHandler } from 'msw';

/**
 * How the server answers:
 * - `hang`: accepts the connection, reads the request and never answers;
 * - `status`: answers every request with this status (429 with Retry-After, 500, …);
 * - `handlers`: answers through msw handlers (a provider package's fake cloud), so a process
 *   other than the test's can talk to it over real HTTP.
 */
export type WireMode =
  | { readonly kind: 'hang' }
  | { readonly kind: 'status'; readonly status: number; readonly headers?: Readonly<Record<string, string>>; readonly body?: unknown }
  | { readonly kind: 'handlers'; readonly handlers: readonly HttpHandler[] };

/** A local HTTP endpoint for the built `ohfp` (a provider's `endpoint` / `baseUrl`) whose behaviour the test switches. */
export class WireServer {
  mode: WireMode = { kind: 'hang' };
  /** Every request received, in order. */
  readonly received: { readonly method: string; readonly path: string }[] = [];
  readonly #server: Server;
  readonly #sockets = new Set<Socket>();
  #url = '';

  constructor() {
    this.#server = createServer((request, response) => void this.#answer(request, response));
    this.#server.on('connection', (socket) => {
      this.#sockets.add(socket);
      socket.on('close', () => this.#sockets.delete(socket));
    });
  }

  /** http://127.0.0.1:PORT */
  get url(): string {
    return this.#url;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.#server.listen(0, '127.0.0.1', resolve));
    this.#url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
    return this;
  }

  /** Closes the server and every connection still held open by `hang`. */
  async stop(): Promise<void> {
    for (const socket of this.#sockets) socket.destroy();
    await new Promise((resolve) => this.#server.close(resolve));
  }

  async #answer(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    this.received.push({ method: request.method ?? 'GET', path: request.url ?? '/' });
    const mode = this.mode;
    if (mode.kind === 'hang') return;
    if (mode.kind === 'status') {
      response.writeHead(mode.status, { 'content-type': 'application/json', ...mode.headers });
      response.end(JSON.stringify(mode.body ?? { errors: [{ reason: `HTTP ${mode.status}` }], message: `HTTP ${mode.status}` }));
      return;
    }
    const body = Buffer.concat(chunks);
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string') headers.set(name, value);
    const answer = await getResponse([...mode.handlers], new Request(`${this.#url}${request.url ?? '/'}`, {
      method: request.method ?? 'GET',
      headers,
      ...(body.length === 0 || request.method === 'GET' || request.method === 'HEAD' ? {} : { body }),
    }));
    if (answer === undefined) {
      response.writeHead(404, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ errors: [{ reason: 'Not found' }], message: 'Not found' }));
      return;
    }
    response.writeHead(answer.status, Object.fromEntries(answer.headers));
    response.end(Buffer.from(await answer.arrayBuffer()));
  }
}
