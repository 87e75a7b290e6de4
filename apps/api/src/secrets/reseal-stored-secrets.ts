import type { WebhookRepository } from '@ohf/domain-core';
import type { SecretBox } from '@ohf/runtime';

export interface ResealedSecrets {
  readonly providerInstances: number;
  readonly webhooks: number;
}

/**
 * Seals every stored secret again under the current key: registered provider instances'
 * credentials and webhooks' signing secrets. After a key rotation (new key in
 * OHF_ENCRYPTION_KEY, old ones in OHF_ENCRYPTION_KEY_PREVIOUS) the API runs this at start, so
 * once it has started, the old keys can be removed. Values already under the current key are
 * left alone, so replicas starting together, or a restart, write nothing more.
 */
export async function resealStoredSecrets(parts: {
  readonly providers: { resealAll(): Promise<number> };
  readonly webhooks: WebhookRepository;
  readonly box: SecretBox;
  readonly now: () => string;
}): Promise<ResealedSecrets> {
  const providerInstances = await parts.providers.resealAll();
  let webhooks = 0;
  for (const webhook of await parts.webhooks.list()) {
    if (!parts.box.needsReseal(webhook.sealedSecret)) continue;
    await parts.webhooks.save({ ...webhook, sealedSecret: parts.box.seal(parts.box.open(webhook.sealedSecret)), updatedAt: parts.now() });
    webhooks += 1;
  }
  return { providerInstances, webhooks };
}
