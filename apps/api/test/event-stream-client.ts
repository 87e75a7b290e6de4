import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';

/** One message of a Server-Sent Events stream as a client parses it. */
export interface StreamMessage {
  readonly id?: string;
  readonly event?: string;
  readonly data?: string;
  /** Comment lines of the block (keep-alives). */
  readonly comments: readonly string[];
}

export interface EventStreamClient {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  /** Every message received so far, comments included. */
  readonly received: readonly StreamMessage[];
  /** The next message with data (comments are skipped), or undefined once the stream ended. */
  nextEvent(timeoutMs?: number): Promise<StreamMessage | undefined>;
  /** Resolves when the stream ends (the server ended it, or `close`). */
  readonly ended: Promise<void>;
  /** Leaves: the connection is closed. */
  close(): void;
}

/**
 * A minimal EventSource, so tests can send headers (keys, Last-Event-ID) and see the end. Over
 * node:http with a connection of its own (no agent): leaving closes exactly that connection,
 * where fetch's pool may open a spare one the server then waits on at shutdown.
 */
export function openEventStream(url: string, headers: Record<string, string>): Promise<EventStreamClient> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(url, { agent: false, headers: { accept: 'text/event-stream', ...headers } }, (response) => {
      const queue: StreamMessage[] = [];
      const received: StreamMessage[] = [];
      let waiting: (() => void) | undefined;
      let done = false;
      let buffer = '';
      const ended = new Promise<void>((finish) => {
        const end = (): void => {
          done = true;
          waiting?.();
          finish();
        };
        response.on('end', end);
        response.on('close', end);
        response.on('error', end);
      });
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        buffer += chunk;
        let boundary = buffer.indexOf('\n\n');
        while (boundary >= 0) {
          const message = parseBlock(buffer.slice(0, boundary));
          queue.push(message);
          received.push(message);
          buffer = buffer.slice(boundary + 2);
          boundary = buffer.indexOf('\n\n');
        }
        waiting?.();
      });
      resolve({
        status: response.statusCode ?? 0,
        headers: response.headers,
        received,
        ended,
        close: () => outgoing.destroy(),
        async nextEvent(timeoutMs = 5_000) {
          const deadline = Date.now() + timeoutMs;
          for (;;) {
            const index = queue.findIndex((message) => message.data !== undefined);
            if (index >= 0) return queue.splice(0, index + 1).at(-1);
            queue.length = 0;
            if (done) return undefined;
            const remaining = deadline - Date.now();
            if (remaining <= 0) throw new Error(`no event within ${timeoutMs} ms`);
            await new Promise<void>((wake) => {
              const timer = setTimeout(wake, remaining);
              waiting = () => {
                clearTimeout(timer);
                wake();
              };
            });
            waiting = undefined;
          }
        },
      });
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

function parseBlock(block: string): StreamMessage {
  const message: { id?: string; event?: string; data?: string; comments: string[] } = { comments: [] };
  for (const line of block.split('\n')) {
    if (line.startsWith(':')) message.comments.push(line.slice(1).trim());
    else if (line.startsWith('id: ')) message.id = line.slice(4);
    else if (line.startsWith('event: ')) message.event = line.slice(7);
    else if (line.startsWith('data: ')) message.data = message.data === undefined ? line.slice(6) : `${message.data}\n${line.slice(6)}`;
  }
  return message;
}
