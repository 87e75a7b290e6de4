/**
 * The EC2 operations the describe-only client carries: what a status poll sends. Every other
 * operation loads the whole SDK module. Read by its build and by the provider that loads it.
 */
export const DESCRIBE_ONLY_EC2_OPERATIONS = ['DescribeInstances'] as const;

/** Where the built package keeps the describe-only client, from the package's root. */
export const EC2_DESCRIBE_CLIENT_FILE = 'dist/sdk/ec2-describe-client.cjs';
