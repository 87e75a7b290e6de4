import { randomBytes } from 'node:crypto';

/** 32 random bytes: the HMAC key of one webhook, shown to its creator once. */
export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString('base64url')}`;
}
