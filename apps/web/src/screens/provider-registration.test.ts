import { describe, expect, it } from 'vitest';
import { registrationBodyOf } from './provider-registration';

const base = { type: 'linode', name: 'linode-eu', values: {}, otherSettings: '', capabilities: '', enabled: true };

describe('registrationBodyOf', () => {
  it('sends the typed settings, the other settings and the capabilities, leaving empty fields out', () => {
    const result = registrationBodyOf({
      ...base,
      type: 'aws',
      name: ' aws-east ',
      values: { region: 'us-east-1', profile: '', external_id: ' s3cret ' },
      otherSettings: '{"region": "eu-west-1", "endpoint": "http://127.0.0.1:4566"}',
      capabilities: 'RunInstances, EC2Fleet,,',
      enabled: false,
    });
    expect(result).toEqual({
      body: {
        strategy_name: 'aws-east',
        provider_type: 'aws',
        // The field typed in the form wins over the same key in the other settings.
        strategy_config: { region: 'us-east-1', endpoint: 'http://127.0.0.1:4566', external_id: 's3cret' },
        capabilities: ['RunInstances', 'EC2Fleet'],
        enabled: false,
      },
    });
  });

  it('keeps only the chosen type’s fields', () => {
    const result = registrationBodyOf({ ...base, values: { token: 'tok', region: 'us-east-1' } });
    expect(result).toEqual({ body: expect.objectContaining({ strategy_config: { token: 'tok' } }) });
  });

  it('says what is wrong before any call', () => {
    expect(registrationBodyOf({ ...base, type: 'nowhere' })).toEqual({ problem: 'Choose a provider type.' });
    expect(registrationBodyOf({ ...base, name: 'has space' })).toEqual({ problem: expect.stringMatching(/letters, digits/) });
    expect(registrationBodyOf({ ...base, name: 'x'.repeat(65) })).toEqual({ problem: expect.stringMatching(/1 to 64/) });
    expect(registrationBodyOf({ ...base, otherSettings: '{oops' })).toEqual({ problem: expect.stringMatching(/must be JSON/) });
    expect(registrationBodyOf({ ...base, otherSettings: '[1]' })).toEqual({ problem: expect.stringMatching(/JSON object/) });
  });
});
