import { join } from 'node:path';
import { defineConfig } from 'tsup';
import { packageBuild } from '../../tsup.shared.js';
import { buildEc2DescribeClient, EC2_DESCRIBE_CLIENT_FILE } from './src/sdk-bundle/build-ec2-describe-client.js';

export default defineConfig(
  packageBuild(import.meta.dirname, {
    entry: { index: 'src/index.ts', 'testing/index': 'src/test-support/index.ts' },
    // The fake cloud mocks the provider user's own AWS SDK clients through their aws-sdk-client-mock.
    external: ['aws-sdk-client-mock'],
    // A status poll loads this small client instead of all of @aws-sdk/client-ec2 (see README).
    onSuccess: () => buildEc2DescribeClient({ packageDirectory: import.meta.dirname, outfile: join(import.meta.dirname, EC2_DESCRIBE_CLIENT_FILE) }),
  }),
);
