import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InvalidProviderOptionsError, ProviderApiError } from '../errors/provider-errors.js';
import { parseProviderOptions } from './parse-provider-options.js';
import { parseProviderResponse } from './parse-provider-response.js';

describe('parseProviderResponse', () => {
  const schema = z.object({ id: z.number(), status: z.string() });

  it('returns the parsed value', () => {
    expect(parseProviderResponse(schema, { id: 1, status: 'running', extra: true }, { providerId: 'acme', operation: 'getInstance' })).toEqual({
      id: 1,
      status: 'running',
    });
  });

  it('turns a mismatch into a non-retryable API_ERROR naming the fields', () => {
    let caught: unknown;
    try {
      parseProviderResponse(schema, { id: 'one' }, { providerId: 'acme', operation: 'getInstance' });
    } catch (error) {
      caught = error;
    }
    expect(ProviderApiError.isInstance(caught)).toBe(true);
    expect(caught).toMatchObject({ code: 'API_ERROR', retryable: false, providerId: 'acme', operation: 'getInstance' });
    expect((caught as Error).message).toMatch(/^Invalid response from acme getInstance: id: .+; status: /);
  });
});

describe('parseProviderOptions', () => {
  const schema = z.object({ region: z.string(), image: z.string().default('linode/debian12') });

  it('parses the provider’s own options, defaulting to an empty object', () => {
    expect(parseProviderOptions({ providerId: 'linode', providerOptions: { linode: { region: 'us-east' } }, schema })).toEqual({
      region: 'us-east',
      image: 'linode/debian12',
    });
    expect(parseProviderOptions({ providerId: 'x', providerOptions: undefined, schema: z.object({ a: z.number().optional() }) })).toEqual({});
  });

  it('names the full field path in the error', () => {
    const parse = () => parseProviderOptions({ providerId: 'linode', providerOptions: { linode: { region: 5 } }, schema });
    expect(parse).toThrow(InvalidProviderOptionsError);
    expect(parse).toThrow(/providerOptions\.linode\.region/);
    expect(() => parseProviderOptions({ providerId: 'linode', providerOptions: {}, schema })).toThrowError(
      expect.objectContaining({ code: 'VALIDATION_ERROR', retryable: false, field: 'providerOptions.linode.region' }),
    );
  });

  it('names the option an unknown key most likely meant, nested ones too', () => {
    const strict = z.strictObject({ stackscript_id: z.number(), vpc: z.strictObject({ subnet_id: z.number() }).optional() });
    const parse = (linode: Record<string, unknown>) => () => parseProviderOptions({ providerId: 'linode', providerOptions: { linode }, schema: strict });
    expect(parse({ stackscript_id: 1, stackscript_dat: {} })).toThrowError(
      expect.objectContaining({ field: 'providerOptions.linode', message: 'Invalid provider options: providerOptions.linode: "stackscript_dat" is not an option; did you mean "stackscript_id"?' }),
    );
    expect(parse({ stackscript_id: 1, vpc: { subnet_id: 2, subnetid: 3 } })).toThrow('providerOptions.linode.vpc: "subnetid" is not an option; did you mean "subnet_id"?');
    expect(parse({ stackscript_id: 1, color: 'blue' })).toThrow('providerOptions.linode: "color" is not an option');
  });
});
