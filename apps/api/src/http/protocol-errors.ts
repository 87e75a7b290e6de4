import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ErrorEnvelope } from '@ohf/domain-core';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';

/** No id or filter is longer than 255 characters; a path segment past this is refused before routing. */
export const MAX_PATH_SEGMENT_LENGTH = 1_024;

interface ProtocolRefusal {
  readonly status: number;
  readonly envelope: ErrorEnvelope;
}

function refusal(status: number, message: string, details: Record<string, unknown>): ProtocolRefusal {
  return { status, envelope: { error: { code: 'VALIDATION_ERROR', message, details } } };
}

export function urlTooLong(maxLength: number): ProtocolRefusal {
  return refusal(414, `The URL is longer than ${maxLength} characters; send long values in a request body.`, {
    reason: 'URI_TOO_LONG',
    max_length: maxLength,
  });
}

/**
 * Fastify's refusals raised while routing, before any hook runs: a path that is not valid
 * percent-encoded UTF-8 (400) and a path segment longer than the router takes (414). Its own
 * answers echo the whole URL in a body that is not our envelope.
 */
export function frameworkErrorHandler(error: FastifyError, _request: FastifyRequest, reply: FastifyReply): void {
  let answer: ProtocolRefusal;
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    answer = refusal(414, `A path segment of the URL is longer than ${MAX_PATH_SEGMENT_LENGTH} characters.`, {
      reason: 'URI_TOO_LONG',
      max_segment_length: MAX_PATH_SEGMENT_LENGTH,
    });
  } else if (error.code === 'FST_ERR_BAD_URL') {
    answer = refusal(400, 'The URL path is not valid percent-encoded UTF-8.', { reason: 'INVALID_URL_ENCODING' });
  } else {
    answer = { status: 500, envelope: { error: { code: 'INTERNAL', message: 'The request could not be routed.', details: {} } } };
  }
  void reply.code(answer.status).type('application/json; charset=utf-8').send(answer.envelope);
}

/**
 * Node's HTTP parser refuses some requests before fastify sees them: headers (with the request
 * line) larger than the limit (431), a request that is not HTTP (400), a client too slow to send
 * its request (408). The answer is written to the socket in the error envelope, then the
 * connection is closed, as Node itself does.
 */
export function clientErrorHandler(error: NodeJS.ErrnoException, socket: Socket): void {
  // A reset connection or one already gone has nobody to answer.
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  let answer: ProtocolRefusal;
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    answer = refusal(431, 'The request headers (with the request line) are larger than the server accepts.', {
      reason: 'HEADERS_TOO_LARGE',
    });
  } else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    answer = refusal(408, 'The request was not received in time.', { reason: 'REQUEST_TIMEOUT' });
  } else {
    answer = refusal(400, 'The request is not valid HTTP/1.1.', { reason: error.code ?? 'BAD_REQUEST' });
  }
  if (socket.writable) {
    const body = JSON.stringify(answer.envelope);
    socket.write(
      `HTTP/1.1 ${answer.status} ${STATUS_CODES[answer.status]}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy();
}
