/**
 * What a database of the previous release (schema 2) holds, for the upgrade tests: the
 * strategy's `previousSchema()` stores these rows as that release did (documents without
 * `organizationId`), and the contract checks they come out as the default organization's.
 */
export const PREVIOUS_RELEASE_CREATED_AT = '2025-01-01T00:00:00.000Z';

export const PREVIOUS_RELEASE_REQUEST = {
  requestId: 'req-00000000-0000-4000-8000-0000000000aa',
  kind: 'acquire',
  templateId: 'template-a',
  requestedCount: 1,
  status: 'complete',
  machineIds: [],
  attempts: [],
  message: '',
  createdAt: PREVIOUS_RELEASE_CREATED_AT,
  updatedAt: PREVIOUS_RELEASE_CREATED_AT,
  version: 1,
} as const;

export const PREVIOUS_RELEASE_MACHINE = {
  machineId: 'm-00000000-0000-4000-8000-0000000000aa',
  providerInstanceId: 'i-000000000000000aa',
  requestId: PREVIOUS_RELEASE_REQUEST.requestId,
  templateId: 'template-a',
  providerType: 'aws',
  providerInstance: 'aws-us-east-1',
  providerApi: 'EC2Fleet',
  state: 'running',
  rawState: 'running',
  tags: {},
  createdAt: PREVIOUS_RELEASE_CREATED_AT,
  updatedAt: PREVIOUS_RELEASE_CREATED_AT,
  version: 1,
} as const;
