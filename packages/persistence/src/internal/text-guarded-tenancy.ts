import type {
  ApiKeyRecord,
  AuditEvent,
  AuditEventFilter,
  AuditEventInput,
  AuditLog,
  Membership,
  Organization,
  ProviderInstanceRecord,
  ProviderInstanceRepository,
  TenancyRepository,
  User,
  Webhook,
  WebhookDelivery,
  WebhookRepository,
} from '@ohf/domain-core';
import { isIdentifier, requireIdentifiers, storable } from './storable-text.js';

/** The text rules of `guardText` for organizations, users and keys: ids must be storable as they are. */
export class TextGuardedTenancy implements TenancyRepository {
  constructor(private readonly inner: TenancyRepository) {}

  async createOrganization(organization: Organization): Promise<void> {
    requireIdentifiers(`Organization ${JSON.stringify(organization.organizationId)}`, { organizationId: organization.organizationId });
    return this.inner.createOrganization(storable(organization));
  }

  async updateOrganization(organization: Organization): Promise<boolean> {
    if (!isIdentifier(organization.organizationId)) return false;
    return this.inner.updateOrganization(storable(organization));
  }

  async findOrganization(organizationId: string): Promise<Organization | undefined> {
    return isIdentifier(organizationId) ? this.inner.findOrganization(organizationId) : undefined;
  }

  async listOrganizations(): Promise<readonly Organization[]> {
    return this.inner.listOrganizations();
  }

  async deleteOrganization(organizationId: string): Promise<boolean> {
    return isIdentifier(organizationId) ? this.inner.deleteOrganization(organizationId) : false;
  }

  async createUser(user: User): Promise<void> {
    requireIdentifiers(`User ${JSON.stringify(user.userId)}`, { userId: user.userId, name: user.name });
    return this.inner.createUser(storable(user));
  }

  async findUser(userId: string): Promise<User | undefined> {
    return isIdentifier(userId) ? this.inner.findUser(userId) : undefined;
  }

  async findUserByName(name: string): Promise<User | undefined> {
    return isIdentifier(name) ? this.inner.findUserByName(name) : undefined;
  }

  async listUsers(organizationId?: string): Promise<readonly User[]> {
    return organizationId === undefined || isIdentifier(organizationId) ? this.inner.listUsers(organizationId) : [];
  }

  async saveMembership(membership: Membership): Promise<void> {
    requireIdentifiers('Membership', { organizationId: membership.organizationId, userId: membership.userId });
    return this.inner.saveMembership(membership);
  }

  async deleteMembership(organizationId: string, userId: string): Promise<boolean> {
    return isIdentifier(organizationId) && isIdentifier(userId) ? this.inner.deleteMembership(organizationId, userId) : false;
  }

  async membershipsOfUser(userId: string): Promise<readonly Membership[]> {
    return isIdentifier(userId) ? this.inner.membershipsOfUser(userId) : [];
  }

  async membershipsOfOrganization(organizationId: string): Promise<readonly Membership[]> {
    return isIdentifier(organizationId) ? this.inner.membershipsOfOrganization(organizationId) : [];
  }

  async createApiKey(key: ApiKeyRecord): Promise<void> {
    requireIdentifiers(`API key ${JSON.stringify(key.keyId)}`, { keyId: key.keyId, userId: key.userId, organizationId: key.organizationId });
    return this.inner.createApiKey(storable(key));
  }

  async findApiKeyBySecretHash(secretHash: string): Promise<ApiKeyRecord | undefined> {
    return isIdentifier(secretHash) ? this.inner.findApiKeyBySecretHash(secretHash) : undefined;
  }

  async findApiKey(keyId: string): Promise<ApiKeyRecord | undefined> {
    return isIdentifier(keyId) ? this.inner.findApiKey(keyId) : undefined;
  }

  async listApiKeys(filter: { readonly userId?: string; readonly organizationId?: string }): Promise<readonly ApiKeyRecord[]> {
    const ids = [filter.userId, filter.organizationId];
    return ids.some((id) => id !== undefined && !isIdentifier(id)) ? [] : this.inner.listApiKeys(filter);
  }

  async revokeApiKey(keyId: string, revokedAt: string): Promise<boolean> {
    return isIdentifier(keyId) ? this.inner.revokeApiKey(keyId, revokedAt) : false;
  }

  async touchApiKey(keyId: string, usedAt: string): Promise<void> {
    if (isIdentifier(keyId)) await this.inner.touchApiKey(keyId, usedAt);
  }
}

export class TextGuardedProviderInstances implements ProviderInstanceRepository {
  constructor(private readonly inner: ProviderInstanceRepository) {}

  async save(record: ProviderInstanceRecord): Promise<void> {
    requireIdentifiers(`Provider instance ${JSON.stringify(record.name)}`, { name: record.name, type: record.type });
    return this.inner.save(storable(record));
  }

  async find(name: string): Promise<ProviderInstanceRecord | undefined> {
    return isIdentifier(name) ? this.inner.find(name) : undefined;
  }

  async list(organizationId?: string): Promise<readonly ProviderInstanceRecord[]> {
    return organizationId === undefined || isIdentifier(organizationId) ? this.inner.list(organizationId) : [];
  }

  async delete(name: string): Promise<boolean> {
    return isIdentifier(name) ? this.inner.delete(name) : false;
  }
}

/**
 * Events record what happened, including calls refused for bad input: their text is made
 * storable rather than refused, so recording one never fails the change it goes with.
 */
export class TextGuardedEvents implements AuditLog {
  constructor(private readonly inner: AuditLog) {}

  async append(events: readonly AuditEventInput[]): Promise<void> {
    await this.inner.append(storable(events));
  }

  async list(filter?: AuditEventFilter): Promise<readonly AuditEvent[]> {
    const ids = [filter?.organizationId, filter?.requestId, filter?.machineId];
    return ids.some((id) => id !== undefined && !isIdentifier(id)) ? [] : this.inner.list(filter);
  }

  async latestSequence(): Promise<number> {
    return this.inner.latestSequence();
  }

  async deleteBefore(cutoff: string): Promise<number> {
    return this.inner.deleteBefore(cutoff);
  }
}

export class TextGuardedWebhooks implements WebhookRepository {
  constructor(private readonly inner: WebhookRepository) {}

  async save(webhook: Webhook): Promise<void> {
    requireIdentifiers(`Webhook ${JSON.stringify(webhook.webhookId)}`, { webhookId: webhook.webhookId, eventTypes: webhook.eventTypes });
    return this.inner.save(storable(webhook));
  }

  async find(webhookId: string): Promise<Webhook | undefined> {
    return isIdentifier(webhookId) ? this.inner.find(webhookId) : undefined;
  }

  async list(organizationId?: string): Promise<readonly Webhook[]> {
    return organizationId === undefined || isIdentifier(organizationId) ? this.inner.list(organizationId) : [];
  }

  async delete(webhookId: string): Promise<boolean> {
    return isIdentifier(webhookId) ? this.inner.delete(webhookId) : false;
  }

  async addDeliveries(deliveries: readonly WebhookDelivery[]): Promise<void> {
    for (const delivery of deliveries) {
      requireIdentifiers(`Delivery ${JSON.stringify(delivery.deliveryId)}`, { deliveryId: delivery.deliveryId, webhookId: delivery.webhookId });
    }
    return this.inner.addDeliveries(storable(deliveries));
  }

  async updateDelivery(delivery: WebhookDelivery): Promise<void> {
    requireIdentifiers(`Delivery ${JSON.stringify(delivery.deliveryId)}`, { deliveryId: delivery.deliveryId, webhookId: delivery.webhookId });
    return this.inner.updateDelivery(storable(delivery));
  }

  async dueDeliveries(now: string, limit: number): Promise<readonly WebhookDelivery[]> {
    return this.inner.dueDeliveries(now, limit);
  }

  async listDeliveries(webhookId: string, limit?: number): Promise<readonly WebhookDelivery[]> {
    return isIdentifier(webhookId) ? this.inner.listDeliveries(webhookId, limit) : [];
  }
}
