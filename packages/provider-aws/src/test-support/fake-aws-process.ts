/**
 * The fake AWS cloud for another process: `node --require <preload> dist/main.js …` runs a built
 * `ohfp` (or API server) whose real AWS SDK clients are answered by `FakeAwsCloud` through
 * aws-sdk-client-mock. The cloud's state lives in the JSON file `$OHF_FAKE_AWS_STATE`: it is read
 * before every call when another process changed it and written after every call, so the test and
 * several processes one after another share one cloud, as they would share an AWS account.
 */
import { existsSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { FakeAwsCloud } from './fake-aws-cloud.js';
import type { FakeAwsCloudState } from './fake-aws-world.js';

/** The environment variable naming the state file. */
export const FAKE_AWS_STATE_VARIABLE = 'OHF_FAKE_AWS_STATE';

export function readFakeAwsState(path: string): FakeAwsCloudState | undefined {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as FakeAwsCloudState) : undefined;
}

export function writeFakeAwsState(path: string, state: FakeAwsCloudState): void {
  const temporary = `${path}.${process.pid}.tmp`;
  writeFileSync(temporary, JSON.stringify(state));
  renameSync(temporary, path);
}

/**
 * Changes the shared cloud from a test: `edit` gets a `FakeAwsCloud` holding the file's state
 * (seed machines, add faults, limit capacity…), which is written back. The fake's mocks are
 * removed again, so the calling process's own SDK clients are left as they were.
 */
export function editFakeAwsState<Result>(path: string, edit: (cloud: FakeAwsCloud) => Result): Result {
  const cloud = new FakeAwsCloud({ now: Date.now });
  try {
    const state = readFakeAwsState(path);
    if (state !== undefined) cloud.importState(state);
    const result = edit(cloud);
    writeFakeAwsState(path, cloud.exportState());
    return result;
  } finally {
    cloud.restore();
  }
}

/** Installs the shared fake in this process (the preload's work). */
export function installFakeAwsFromFile(path: string): FakeAwsCloud {
  let seenModified = -1;
  const modifiedTime = (): number => (existsSync(path) ? statSync(path).mtimeMs : -1);
  const cloud: FakeAwsCloud = new FakeAwsCloud({
    now: Date.now,
    aroundCall: {
      before: () => {
        const modified = modifiedTime();
        if (modified === seenModified) return;
        const state = readFakeAwsState(path);
        if (state !== undefined) cloud.importState(state);
        seenModified = modified;
      },
      after: () => {
        writeFakeAwsState(path, cloud.exportState());
        seenModified = modifiedTime();
      },
    },
  });
  return cloud;
}
