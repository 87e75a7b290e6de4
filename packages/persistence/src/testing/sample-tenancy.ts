import { createHash } from 'node:crypto';
import {
  ApiKeyRecordSchema,
  OrganizationSchema,
  ProviderInstanceRecordSchema,
  UserSchema,
  WebhookDeliverySchema,
  WebhookSchema,
  type ApiKeyRecord,
  type AuditEventInput,
  type Clock,
  type Organization,
  type ProviderInstanceRecord,
  type User,
  type Webhook,
  type WebhookDelivery,
} from '@ohf/domain-core';
import { sequentialUuid } from './sample-records.js';

/** An organization `org-<sequence>` created now. */
export function sampleOrganization(sequence: number, clock: Clock, overrides: Partial<Organization> = {}): Organization {
  const now = clock.now().toISOString();
  return OrganizationSchema.parse({ organizationId: `org-${sequence}`, name: `Organization ${sequence}`, createdAt: now, updatedAt: now, ...overrides });
}

/** A user `user-<sequence>` named `user<sequence>@example.com`, created now. */
export function sampleUser(sequence: number, clock: Clock, overrides: Partial<User> = {}): User {
  const now = clock.now().toISOString();
  return UserSchema.parse({ userId: `user-${sequence}`, name: `user${sequence}@example.com`, createdAt: now, updatedAt: now, ...overrides });
}

/** The SHA-256 (hex) of a presented key, as stored. */
export function secretHashOf(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** A key `key-<sequence>` of `userId` in `organizationId` whose secret is `ohf_secret_<sequence>`. */
export function sampleApiKey(
  sequence: number,
  userId: string,
  organizationId: string,
  clock: Clock,
  overrides: Partial<ApiKeyRecord> = {},
): ApiKeyRecord {
  return ApiKeyRecordSchema.parse({
    keyId: `key-${sequence}`,
    userId,
    organizationId,
    name: `key ${sequence}`,
    secretHash: secretHashOf(`ohf_secret_${sequence}`),
    prefix: `ohf_secret_${sequence}`.slice(0, 8),
    createdAt: clock.now().toISOString(),
    ...overrides,
  });
}

/** A provider instance `<type>-<sequence>` of `organizationId`, with sealed credentials that are only a marker. */
export function sampleProviderInstance(
  sequence: number,
  organizationId: string,
  clock: Clock,
  overrides: Partial<ProviderInstanceRecord> = {},
): ProviderInstanceRecord {
  const now = clock.now().toISOString();
  const type = overrides.type ?? 'linode';
  return ProviderInstanceRecordSchema.parse({
    name: `${type}-${sequence}`,
    organizationId,
    type,
    sealedCredentials: `aes-256-gcm:v2:0123abcd:iv${sequence}:tag:ciphertext`,
    configuration: { region: 'us-east', defaults: { image: 'linode/ubuntu24.04', tags: ['a', 'b'] } },
    capabilities: ['spot', 'gpu'],
    priority: sequence,
    weight: 2.5,
    active: true,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  });
}

/** An event `evt-<sequence>` of `organizationId` that occurred now. */
export function sampleEvent(sequence: number, organizationId: string, clock: Clock, overrides: Partial<AuditEventInput> = {}): AuditEventInput {
  return {
    eventId: `evt-${sequentialUuid(sequence)}`,
    organizationId,
    type: 'RequestCreated',
    occurredAt: clock.now().toISOString(),
    actor: { kind: 'user', id: 'user-1', name: 'user1@example.com', keyId: 'key-1' },
    source: { ip: '192.0.2.10', httpRequestId: `http-${sequence}` },
    data: { sequence, nested: { list: [1, 2, 3] } },
    ...overrides,
  };
}

/** A webhook `hook-<sequence>` of `organizationId` for every event type. */
export function sampleWebhook(sequence: number, organizationId: string, clock: Clock, overrides: Partial<Webhook> = {}): Webhook {
  const now = clock.now().toISOString();
  return WebhookSchema.parse({
    webhookId: `hook-${sequence}`,
    organizationId,
    url: `https://hooks.example.com/${sequence}`,
    eventTypes: ['*'],
    sealedSecret: `aes-256-gcm:v2:0123abcd:iv:tag:secret${sequence}`,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  });
}

/** A pending delivery of event `eventSequence` to `webhookId`, due now. */
export function sampleDelivery(
  deliveryId: string,
  webhookId: string,
  eventSequence: number,
  clock: Clock,
  overrides: Partial<WebhookDelivery> = {},
): WebhookDelivery {
  const now = clock.now().toISOString();
  return WebhookDeliverySchema.parse({
    deliveryId,
    webhookId,
    organizationId: 'default',
    eventSequence,
    eventType: 'RequestCreated',
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    createdAt: now,
    updatedAt: now,
    ...overrides,
  });
}
