import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhookBody, verifyWebhookSignature } from './webhook-signature.js';

const SECRET = 'whsec_test-secret';
const BODY = '{"type":"RequestCreated","sequence":7}';

describe('webhook signatures', () => {
  it('signs "<t>.<body>" with HMAC-SHA256 as a receiver computes it independently', () => {
    const header = signWebhookBody(SECRET, BODY, 1_700_000_000);
    const expected = createHmac('sha256', SECRET).update(`1700000000.${BODY}`).digest('hex');
    expect(header).toBe(`t=1700000000,v1=${expected}`);
  });

  it('verifies its own signature within the tolerance', () => {
    const header = signWebhookBody(SECRET, BODY, 1_700_000_000);
    expect(verifyWebhookSignature(SECRET, BODY, header, { nowSeconds: 1_700_000_100 })).toBe(true);
  });

  it('refuses another body, another secret, an old timestamp and a malformed header', () => {
    const header = signWebhookBody(SECRET, BODY, 1_700_000_000);
    expect(verifyWebhookSignature(SECRET, `${BODY} `, header, { nowSeconds: 1_700_000_000 })).toBe(false);
    expect(verifyWebhookSignature('whsec_other', BODY, header, { nowSeconds: 1_700_000_000 })).toBe(false);
    expect(verifyWebhookSignature(SECRET, BODY, header, { nowSeconds: 1_700_000_301 })).toBe(false);
    expect(verifyWebhookSignature(SECRET, BODY, 't=1700000000', { nowSeconds: 1_700_000_000 })).toBe(false);
    expect(verifyWebhookSignature(SECRET, BODY, 't=now,v1=abc', { nowSeconds: 1_700_000_000 })).toBe(false);
  });

  it('refuses a signature moved to another timestamp (the timestamp is signed too)', () => {
    const header = signWebhookBody(SECRET, BODY, 1_700_000_000);
    const moved = header.replace('t=1700000000', 't=1700000050');
    expect(verifyWebhookSignature(SECRET, BODY, moved, { nowSeconds: 1_700_000_050 })).toBe(false);
  });
});
