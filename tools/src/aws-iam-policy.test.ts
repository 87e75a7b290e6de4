import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const IAM_PREFIX: Readonly<Record<string, string>> = { EC2: 'ec2', AutoScaling: 'autoscaling', STS: 'sts', SSM: 'ssm', CloudWatch: 'cloudwatch', Pricing: 'pricing' };

function sourceFiles(directory: string): string[] {
  return readdirSync(directory).flatMap((name) => {
    const path = join(directory, name);
    if (statSync(path).isDirectory()) return name === '__fixtures__' || name === '__snapshots__' ? [] : sourceFiles(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

/** Every `('Service', 'Operation'` call the AWS provider makes through its client scope. */
function actionsTheProviderCalls(): string[] {
  const actions = new Set<string>();
  for (const file of sourceFiles(join(root, 'packages/provider-aws/src'))) {
    for (const match of readFileSync(file, 'utf8').matchAll(/\(\s*'(EC2|AutoScaling|STS|SSM|CloudWatch|Pricing)',\s*'([A-Za-z]+)'/g)) {
      actions.add(`${IAM_PREFIX[match[1]!]}:${match[2]}`);
    }
  }
  return [...actions].sort();
}

describe('docs/aws-iam-policy.json', () => {
  const policy = JSON.parse(readFileSync(join(root, 'docs/aws-iam-policy.json'), 'utf8')) as { Version: string; Statement: { Effect: string; Action: string[] }[] };
  const granted = new Set(policy.Statement.filter((statement) => statement.Effect === 'Allow').flatMap((statement) => statement.Action));

  it('grants every action the AWS provider calls', () => {
    const called = actionsTheProviderCalls();
    expect(called.length).toBeGreaterThan(20);
    expect(called.filter((action) => !granted.has(action))).toEqual([]);
  });

  it('grants nothing beyond those calls but the tagging and role passing they imply', () => {
    const implied = new Set(['ec2:CreateTags', 'iam:PassRole', 'iam:CreateServiceLinkedRole']);
    const called = new Set(actionsTheProviderCalls());
    expect([...granted].filter((action) => !called.has(action) && !implied.has(action))).toEqual([]);
    expect(policy.Version).toBe('2012-10-17');
    expect([...granted].some((action) => action.includes('*'))).toBe(false);
  });
});
