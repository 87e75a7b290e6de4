import { collectYoungGeneration } from './young-generation.js';

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
        answer = await readBody(response.body, read);
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

/**
 * Answers up to this size are gathered into one buffer kept for the next answer. Buffer.concat
 * gave each 3 MB DescribeInstances page a fresh buffer: about 100 ms of a 10,000-machine poll's
 * profile, where copying into the kept buffer takes 24 ms (in isolation, ten 3 MB concatenations
 * cost 90 ms, two thirds of it system time for the fresh memory; ten copies into one buffer, 10 ms).
 */
const KEPT_BUFFER_LIMIT = 16 * 1024 * 1024;
let keptBuffer = Buffer.alloc(0);

/**
 * The size the kept buffer grows to for an answer of `length` bytes: a quarter more. The pages of
 * one poll differ by a few bytes each (longer ids and addresses further on), so a buffer of the
 * exact size was replaced, fresh memory and all, by nearly every page of a 10,000-machine poll.
 */
export function keptBufferSizeFor(length: number): number {
  return Math.min(KEPT_BUFFER_LIMIT, length + (length >> 2));
}

/**
 * A body of this size or more leaves its chunks to the young generation's next collection, run
 * at once. A DescribeInstances page of 1,000 instances (about 3 MB) arrives in some fifty chunks
 * that V8 frees only when it next collects; in a 10,000-machine poll they piled up to about
 * 30 MB waiting for it, fresh memory the process faulted in page by page. Collected after each
 * such answer, they stay near one page's worth, and the collection costs less than the faults it
 * saves (see the aws-status-poll benchmark). A 10-machine page never reaches the size.
 */
export const COLLECT_AFTER_ANSWER_BYTES = 1024 * 1024;

/**
 * Reads a body as the SDK's HTTP handlers give it (a Node.js stream, bytes or text) with `read`.
 * A body in several chunks is put together in the kept buffer and read in the same turn, so no
 * other answer can write over it first; readers copy what they keep (the XML scanner decodes
 * each text into a string of its own). `collect` runs after a body of COLLECT_AFTER_ANSWER_BYTES
 * or more has been read.
 */
export async function readBody(body: unknown, read: AnswerReader, collect: () => void = collectYoungGeneration): Promise<object> {
  if (body === undefined || body === null) return read(Buffer.alloc(0));
  if (typeof body === 'string') return read(Buffer.from(body));
  if (body instanceof Uint8Array) return read(Buffer.from(body.buffer, body.byteOffset, body.byteLength));
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of body as AsyncIterable<Uint8Array | string>) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    chunks.push(bytes);
    length += bytes.length;
  }
  const answer = chunks.length === 1 ? read(chunks[0]!) : readChunks(chunks, length, read);
  if (length >= COLLECT_AFTER_ANSWER_BYTES) {
    // The chunks must be unreachable when the collection runs.
    chunks.length = 0;
    collect();
  }
  return answer;
}

function readChunks(chunks: readonly Buffer[], length: number, read: AnswerReader): object {
  if (length > KEPT_BUFFER_LIMIT) return read(Buffer.concat(chunks, length));
  if (keptBuffer.length < length) keptBuffer = Buffer.allocUnsafeSlow(keptBufferSizeFor(length));
  let offset = 0;
  for (const chunk of chunks) offset += chunk.copy(keptBuffer, offset);
  return read(keptBuffer.subarray(0, length));
}
