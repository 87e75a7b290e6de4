import { z } from 'zod';
import { OrganizationIdSchema } from './organization.js';

/**
 * A provider instance registered at run time and owned by one organization (the seed's
 * `service_providers`). Credentials are sealed (AES-256-GCM, see runtime's SecretBox) before
 * they reach storage and are never returned by the API; the rest of the settings are plain.
 */
export const ProviderInstanceRecordSchema = z.object({
  /** Unique across the installation: selection, tags and metrics name instances by it. */
  name: z.string().min(1).max(100),
  organizationId: OrganizationIdSchema,
  /** `aws`, `linode`, `digitalocean`, or a plugin's type. */
  type: z.string().min(1),
  /** The provider settings that hold secrets, sealed: `aes-256-gcm:<key id>:…`. */
  sealedCredentials: z.string(),
  /** The provider settings without secrets (region, defaults…). */
  configuration: z.record(z.string(), z.unknown()).default({}),
  capabilities: z.array(z.string()).default([]),
  priority: z.number().default(0),
  weight: z.number().default(1),
  active: z.boolean().default(true),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProviderInstanceRecord = z.infer<typeof ProviderInstanceRecordSchema>;
export type ProviderInstanceRecordInput = z.input<typeof ProviderInstanceRecordSchema>;
