import { describe, expect, it } from 'vitest';
import { ProviderApiError } from '../errors/provider-errors.js';
import { redactError, redactValue } from './redact-error.js';
import { REDACTED, redactSecrets } from './redact-secrets.js';
import { isSecretSettingName, secretValuesOf } from './secret-settings.js';

// Shaped like real credentials, but made up (AWS's documentation examples and random text).
const ACCESS_KEY_ID = 'AKIAIOSFODNN7EXAMPLE';
const SECRET_ACCESS_KEY = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const SESSION_TOKEN = `IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQD${'Zm9vYmFyYmF6'.repeat(12)}`;
const DIGITALOCEAN_TOKEN = `dop_v1_${'0123456789abcdef'.repeat(4)}`;

describe('redactSecrets', () => {
  it('replaces each given secret and its URL-encoded form, ignoring very short values', () => {
    expect(redactSecrets('token s3cr3t/value in https://x?t=s3cr3t%2Fvalue', ['s3cr3t/value', 'abc'])).toBe(
      `token ${REDACTED} in https://x?t=${REDACTED}`,
    );
  });

  it('redacts what is shaped like a credential even when nobody named it', () => {
    const text = [
      `The security token included in the request is invalid: AccessKeyId=${ACCESS_KEY_ID}`,
      `aws_secret_access_key ${SECRET_ACCESS_KEY}`,
      `X-Amz-Security-Token: ${SESSION_TOKEN}`,
      'Authorization: Bearer 7a8b9c0d1e2f.abc-DEF_ghi',
      `digitalocean says ${DIGITALOCEAN_TOKEN} is revoked`,
    ].join('\n');
    const redacted = redactSecrets(text);
    for (const secret of [ACCESS_KEY_ID, SECRET_ACCESS_KEY, SESSION_TOKEN, '7a8b9c0d1e2f.abc-DEF_ghi', DIGITALOCEAN_TOKEN]) {
      expect(redacted).not.toContain(secret);
    }
    expect(redacted).toContain('The security token included in the request is invalid');
    expect(redacted).toContain('Bearer [REDACTED]');
  });

  it('redacts secret-named fields in JSON and URL text but keeps the names and the rest', () => {
    const body = '{"label":"web-1","root_pass":"Sup3r\\"Secret!","region":"us-east","field":"root_pass"}';
    expect(redactSecrets(body)).toBe(`{"label":"web-1","root_pass":"${REDACTED}","region":"us-east","field":"root_pass"}`);
    expect(redactSecrets('POST /v4/linode/instances?root_pass=hunter22&region=us-east failed')).toBe(
      `POST /v4/linode/instances?root_pass=${REDACTED}&region=us-east failed`,
    );
    expect(redactSecrets("{'password': 'p@ss word'}")).toBe(`{'password': '${REDACTED}'}`);
  });

  it('leaves ordinary provider messages alone', () => {
    const messages = [
      'We currently do not have sufficient m5.large capacity in the Availability Zone you requested (us-east-1a).',
      'Instance i-0123456789abcdef0 not found; request req-7d1c2a9e-8f3b-4c6d-9e0f-1a2b3c4d5e6f',
      'commit 4b825dc642cb6eb9a060e54bf8d69288fbee4904 of the launch template',
      'root_pass: Password does not meet strength requirement',
      'Rate exceeded (retry after 30 s); token bucket empty',
    ];
    for (const message of messages) expect(redactSecrets(message)).toBe(message);
  });
});

describe('secret settings', () => {
  it('names the settings that hold credentials', () => {
    for (const name of ['token', 'api_token', 'secret_access_key', 'password', 'root_pass', 'private_key', 'apiKey', 'credentials']) {
      expect(isSecretSettingName(name), name).toBe(true);
    }
    for (const name of ['region', 'profile', 'endpoint', 'authorized_keys', 'ssh_keys', 'role_arn', 'baseUrl']) {
      expect(isSecretSettingName(name), name).toBe(false);
    }
  });

  it('collects the values of secret settings at any depth', () => {
    const settings = {
      region: 'us-east-1',
      token: 'linode-token-0123',
      nested: { client_secret: 'client-secret-456', list: [{ password: 'pw-789-xyz' }] },
      handlers: { preferred_order: ['EC2Fleet'] },
      empty_token: '',
    };
    expect(secretValuesOf(settings).sort()).toEqual(['client-secret-456', 'linode-token-0123', 'pw-789-xyz']);
  });
});

describe('redactError', () => {
  it('redacts message, stack, details and the cause chain in place, keeping the error recognisable', () => {
    const cause = new Error(`socket hang up sending Authorization: Bearer tok-abcdef123`);
    const error = new ProviderApiError('API_ERROR', 'linode createInstance failed: token tok-abcdef123 rejected', {
      details: { body: { root_pass: 'hunter22', echoed: 'tok-abcdef123' } },
      cause,
    });
    const redacted = redactError(error, ['tok-abcdef123']);
    expect(redacted).toBe(error);
    expect(ProviderApiError.isInstance(redacted)).toBe(true);
    expect(redacted.code).toBe('API_ERROR');
    const visible = JSON.stringify({ message: redacted.message, stack: redacted.stack, details: redacted.details, cause: (redacted.cause as Error).message });
    expect(visible).not.toContain('tok-abcdef123');
    expect(visible).not.toContain('hunter22');
    expect(redacted.message).toBe(`linode createInstance failed: token ${REDACTED} rejected`);
  });

  it('turns something thrown that is not an Error into a redacted Error', () => {
    const redacted = redactError(`failed with token=${'x'.repeat(8)}`, []);
    expect(redacted).toBeInstanceOf(Error);
    expect((redacted as Error).message).toBe(`failed with token=${REDACTED}`);
  });
});

describe('redactValue', () => {
  it('copies plain data with secret-named fields and secret text redacted, and survives cycles', () => {
    const value: Record<string, unknown> = { message: `key ${ACCESS_KEY_ID}`, config: { token: 'abcd-1234', region: 'eu' }, count: 3 };
    value['self'] = value;
    const redacted = redactValue(value, []) as Record<string, unknown>;
    expect(redacted['message']).toBe(`key ${REDACTED}`);
    expect(redacted['config']).toEqual({ token: REDACTED, region: 'eu' });
    expect(redacted['count']).toBe(3);
    expect(value['message']).toBe(`key ${ACCESS_KEY_ID}`);
  });

  it('redacts errors found inside the data', () => {
    const redacted = redactValue({ err: new Error(`denied for ${SECRET_ACCESS_KEY}`) }, []) as { err: { message: string; type: string } };
    expect(redacted.err.message).toBe(`denied for ${REDACTED}`);
    expect(redacted.err.type).toBe('Error');
  });
});
