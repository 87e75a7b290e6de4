/**
 * The tag keys the application puts on every created resource, so state can be rebuilt
 * from the cloud and orphans found after a crash.
 */
export const OHF_TAG_KEYS = {
  requestId: 'ohf:request-id',
  templateId: 'ohf:template-id',
  providerInstance: 'ohf:provider-instance',
} as const;

export type OhfTagKey = (typeof OHF_TAG_KEYS)[keyof typeof OHF_TAG_KEYS];
