/** Reads the body of a successful answer (its bytes) into the command's output (the fields it maps). */
export type AnswerReader = (body: Buffer) => object;

interface MiddlewareStackLike {
  add(middleware: unknown, options: { step: 'initialize'; name: string }): void;
  addRelativeTo(middleware: unknown, options: { relation: 'after'; toMiddleware: string; name: string }): void;
}

interface RawResult {
  response: { statusCode?: number; body?: unknown };
  output?: object;
}

type Handler = (args: unknown) => Promise<RawResult>;

/** The name the SDK's own deserializer has in every client's middleware stack. */
const SDK_DESERIALIZER = 'deserializerMiddleware';
const EMPTY_BODY = new Uint8Array(0);

/**
 * Has one SDK command read its successful answer with `read` instead of the SDK's deserializer;
 * errors still go through the SDK untouched (its error types, codes, request ids). The reader
 * sits just inside the SDK's deserializer: it takes the raw body of a 2xx answer and leaves the
 * deserializer an empty one, and an outer middleware puts what it read into the output. Signing,
 * credentials, endpoints and the HTTP handler stay the SDK's.
 */
export function readAnswerWith(command: { middlewareStack: MiddlewareStackLike }, read: AnswerReader): void {
  let answer: object | undefined;
  command.middlewareStack.addRelativeTo(
    (next: Handler) => async (args: unknown) => {
      const result = await next(args);
      const { response } = result;
      const status = response.statusCode ?? 0;
      if (status >= 200 && status < 300) {
        answer = read(await bodyBytes(response.body));
        response.body = EMPTY_BODY;
      }
      return result;
    },
    { relation: 'after', toMiddleware: SDK_DESERIALIZER, name: 'ohfAnswerReader' },
  );
  command.middlewareStack.add(
    (next: Handler) => async (args: unknown) => {
      const result = await next(args);
      return answer === undefined ? result : { ...result, output: { ...result.output, ...answer } };
    },
    { step: 'initialize', name: 'ohfAnswerOutput' },
  );
}

/** A body as the SDK's HTTP handlers give it (a Node.js stream, bytes or text), as bytes. */
async function bodyBytes(body: unknown): Promise<Buffer> {
  if (body === undefined || body === null) return Buffer.alloc(0);
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof Uint8Array) return Buffer.from(body.buffer, body.byteOffset, body.byteLength);
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}
