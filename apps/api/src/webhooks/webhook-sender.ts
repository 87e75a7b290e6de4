import { privateAddressOf, resolveHost, type ResolveHost } from './private-address.js';
import { EVENT_ID_HEADER, SIGNATURE_HEADER, signWebhookBody } from './webhook-signature.js';

export interface WebhookPost {
  readonly url: string;
  readonly secret: string;
  readonly eventId: string;
  /** The JSON body, exactly as signed. */
  readonly body: string;
  readonly nowMs: number;
}

/** What one attempt came to. */
export interface SendOutcome {
  /** A 2xx answer. */
  readonly delivered: boolean;
  /** Absent when no answer came (refused connection, timeout). */
  readonly statusCode?: number;
  /** Why it was not delivered, in words an admin can act on. */
  readonly error?: string;
  /** Trying again cannot help (the URL is refused): the delivery fails now. */
  readonly permanent?: boolean;
}

export interface WebhookSenderOptions {
  readonly fetch?: typeof globalThis.fetch;
  /** An attempt without a complete answer by then is abandoned. */
  readonly timeoutMs: number;
  /** Deliver to loopback and private networks too (`api.webhooks.allow_private_addresses`). */
  readonly allowPrivateAddresses?: boolean;
  readonly resolve?: ResolveHost;
}

/**
 * One signed POST. Redirects are not followed (the subscription names where events may go, and
 * a redirect could point inside the network); the answer's body is not read, only its status.
 */
export function createWebhookSender(options: WebhookSenderOptions): (post: WebhookPost) => Promise<SendOutcome> {
  const send = options.fetch ?? globalThis.fetch;
  return async (post) => {
    const timestampSeconds = Math.floor(post.nowMs / 1000);
    try {
      if (options.allowPrivateAddresses !== true) {
        const address = await privateAddressOf(post.url, options.resolve ?? resolveHost);
        if (address !== undefined) {
          return {
            delivered: false,
            permanent: true,
            error: `the URL's host is a private or loopback address (${address}); set api.webhooks.allow_private_addresses to deliver inside the network`,
          };
        }
      }
      const response = await send(post.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'open-host-factory-webhooks',
          [SIGNATURE_HEADER]: signWebhookBody(post.secret, post.body, timestampSeconds),
          [EVENT_ID_HEADER]: post.eventId,
        },
        body: post.body,
      });
      await response.body?.cancel().catch(() => undefined);
      if (response.status >= 200 && response.status < 300) return { delivered: true, statusCode: response.status };
      return { delivered: false, statusCode: response.status, error: `the endpoint answered HTTP ${response.status}` };
    } catch (error) {
      return { delivered: false, error: describeFailure(error, options.timeoutMs) };
    }
  };
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError')) {
    return `no answer within ${timeoutMs} ms`;
  }
  const cause = error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  if (typeof cause?.code === 'string') return `the request failed: ${cause.code}`;
  return `the request failed: ${error instanceof Error ? error.message : String(error)}`.slice(0, 300);
}
