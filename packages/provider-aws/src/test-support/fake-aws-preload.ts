/**
 * `node --require` entry (built by `buildFakeAwsPreload`): answers this process's AWS SDK calls
 * from the fake cloud kept in `$OHF_FAKE_AWS_STATE`.
 */
import { FAKE_AWS_STATE_VARIABLE, installFakeAwsFromFile } from './fake-aws-process.js';

const statePath = process.env[FAKE_AWS_STATE_VARIABLE];
if (statePath === undefined || statePath === '') {
  throw new Error(`${FAKE_AWS_STATE_VARIABLE} must name the fake AWS cloud's state file`);
}
installFakeAwsFromFile(statePath);
