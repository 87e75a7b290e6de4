import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header carrying the signature of a delivery. */
export const SIGNATURE_HEADER = 'x-ohf-signature';
/** The header carrying the event's id, on which receivers deduplicate retried deliveries. */
export const EVENT_ID_HEADER = 'x-ohf-event-id';

/**
 * `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`. The timestamp is signed with the
 * body, so a receiver that refuses old timestamps also refuses a captured delivery replayed later.
 */
export function signWebhookBody(secret: string, body: string, timestampSeconds: number): string {
  return `t=${timestampSeconds},v1=${hmacHex(secret, timestampSeconds, body)}`;
}

export interface VerifyWebhookOptions {
  /** Seconds since the epoch, now. */
  readonly nowSeconds: number;
  /** How old a signature may be; default 300 s. */
  readonly toleranceSeconds?: number;
}

/**
 * What a receiver does with a delivery: true when the header signs this exact body with this
 * secret and its timestamp is within the tolerance. The comparison takes constant time.
 */
export function verifyWebhookSignature(secret: string, body: string, header: string, options: VerifyWebhookOptions): boolean {
  const fields = new Map<string, string>();
  for (const part of header.split(',')) {
    const separator = part.indexOf('=');
    if (separator > 0) fields.set(part.slice(0, separator).trim(), part.slice(separator + 1).trim());
  }
  const timestamp = Number(fields.get('t'));
  const signature = fields.get('v1');
  if (!Number.isInteger(timestamp) || signature === undefined || !/^[0-9a-f]{64}$/.test(signature)) return false;
  if (Math.abs(options.nowSeconds - timestamp) > (options.toleranceSeconds ?? 300)) return false;
  return timingSafeEqual(Buffer.from(signature, 'hex'), Buffer.from(hmacHex(secret, timestamp, body), 'hex'));
}

function hmacHex(secret: string, timestampSeconds: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestampSeconds}.${body}`).digest('hex');
}
