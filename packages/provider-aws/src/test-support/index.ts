/**
 * Test doubles for code that runs provider-aws (published as @ohf/provider-aws/testing): a fake
 * AWS account answering the real AWS SDK clients through aws-sdk-client-mock, and the helpers
 * that share it with other processes through a state file. Nothing here belongs in production.
 */
export { FakeAwsCloud, type FakeAwsCloudOptions } from './fake-aws-cloud.js';
export { awsError } from './fake-aws-error.js';
export type { FakeAwsCloudState, FakeInstance } from './fake-aws-world.js';
export {
  FAKE_AWS_STATE_VARIABLE,
  editFakeAwsState,
  installFakeAwsFromFile,
  readFakeAwsState,
  writeFakeAwsState,
} from './fake-aws-process.js';
