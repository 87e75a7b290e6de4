// Proves the module-boundary rules fire: each case lints a deliberate violation placed in a
// real project's source folder (as text, nothing is written) and expects an error from the
// named rule. A rule that silently stopped firing would make this script fail CI.
import { execFileSync } from 'node:child_process';
import { ESLint } from 'eslint';

// The Nx rule reads the cached project graph; make sure it exists and is current.
execFileSync('npx', ['nx', 'show', 'projects'], { stdio: 'ignore' });

const cases = [
  { file: 'packages/domain-core/src/violation.ts', code: "import { EC2Client } from '@aws-sdk/client-ec2';\nexport const client = EC2Client;\n", rule: '@nx/enforce-module-boundaries', why: 'domain-core imports a cloud SDK' },
  { file: 'packages/domain-core/src/violation.ts', code: "import { Container } from 'inversify';\nexport const container = Container;\n", rule: '@nx/enforce-module-boundaries', why: 'domain-core imports the DI container' },
  { file: 'packages/provider-sdk/src/violation.ts', code: "import { fastify } from 'fastify';\nexport const server = fastify;\n", rule: '@nx/enforce-module-boundaries', why: 'provider-sdk imports an HTTP framework' },
  { file: 'packages/application-cqrs/src/violation.ts', code: "import { STSClient } from '@aws-sdk/client-sts';\nexport const client = STSClient;\n", rule: '@nx/enforce-module-boundaries', why: 'application-cqrs imports a cloud SDK' },
  { file: 'packages/selection-engine/src/violation.ts', code: "import { injectable } from 'inversify';\nexport const decorator = injectable;\n", rule: '@nx/enforce-module-boundaries', why: 'selection-engine imports the DI container' },
  { file: 'packages/provider-linode/src/violation.ts', code: "import { VERSION } from '@ohf/domain-core';\nexport const version = VERSION;\n", rule: '@nx/enforce-module-boundaries', why: 'a provider depends on domain-core instead of provider-sdk only' },
  { file: 'packages/provider-digitalocean/src/violation.ts', code: "import { EC2Client } from '@aws-sdk/client-ec2';\nexport const client = EC2Client;\n", rule: 'no-restricted-imports', why: 'the DigitalOcean provider imports the AWS SDK' },
  { file: 'packages/domain-core/src/violation.ts', code: "import { VERSION } from '@ohf/runtime';\nexport const version = VERSION;\n", rule: '@nx/enforce-module-boundaries', why: 'domain-core depends on an outer layer' },
  { file: 'packages/provider-sdk/src/violation.ts', code: "import { VERSION } from '@ohf/domain-core';\nexport const version = VERSION;\n", rule: '@nx/enforce-module-boundaries', why: 'provider-sdk depends on another package (it owns the shared vocabulary)' },
];

const eslint = new ESLint();
let failures = 0;
for (const testCase of cases) {
  const [result] = await eslint.lintText(testCase.code, { filePath: testCase.file });
  const fired = result.messages.some((message) => message.ruleId === testCase.rule && message.severity === 2);
  console.log(`${fired ? 'ok  ' : 'FAIL'} ${testCase.why} → ${testCase.rule}${fired ? ' fired' : ' did not fire'}`);
  if (!fired) failures += 1;
}
// And the controls: legal imports pass.
const controls = [
  { file: 'packages/selection-engine/src/violation.ts', code: "import { VERSION } from '@ohf/domain-core';\nexport const version = VERSION;\n", why: 'selection-engine may import domain-core' },
  { file: 'packages/domain-core/src/violation.ts', code: "import { ERROR_CODES } from '@ohf/provider-sdk';\nexport const codes = ERROR_CODES;\n", why: 'domain-core may import the vocabulary of provider-sdk' },
];
for (const testCase of controls) {
  const [control] = await eslint.lintText(testCase.code, { filePath: testCase.file });
  const controlErrors = control.messages.filter((message) => message.severity === 2);
  console.log(`${controlErrors.length === 0 ? 'ok  ' : 'FAIL'} ${testCase.why}`);
  if (controlErrors.length > 0) {
    console.log(controlErrors);
    failures += 1;
  }
}
if (failures > 0) {
  console.error(`check-boundaries: ${failures} case(s) failed`);
  process.exit(1);
}
console.log('check-boundaries: every module-boundary rule fires');
