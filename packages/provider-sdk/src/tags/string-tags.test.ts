import { describe, expect, it } from 'vitest';
import { OHF_TAG_KEYS } from './ohf-tag-keys.js';
import { decodeStringTags, encodeStringTags } from './string-tags.js';

const DIGITALOCEAN = { maxLength: 255, pattern: /^[a-zA-Z0-9_\-:]+$/ };
const LINODE = { maxLength: 50, minLength: 3 };
const requestId = 'req-3f1c2d4e-5a6b-4c7d-8e9f-0a1b2c3d4e5f';

describe('encodeStringTags / decodeStringTags', () => {
  it('writes the OHF keys as compact aliases that fit Linode and DigitalOcean', () => {
    const tags = encodeStringTags(
      { [OHF_TAG_KEYS.requestId]: requestId, [OHF_TAG_KEYS.templateId]: 'linode-small', [OHF_TAG_KEYS.providerInstance]: 'linode-main' },
      LINODE,
    );
    expect(tags).toEqual([`ohf-req:${requestId}`, 'ohf-tpl:linode-small', 'ohf-pi:linode-main']);
    for (const tag of tags) {
      expect(tag.length).toBeLessThanOrEqual(50);
      expect(tag).toMatch(DIGITALOCEAN.pattern);
    }
  });

  it('round-trips OHF values exactly, even when too long or with forbidden characters', () => {
    const original = {
      [OHF_TAG_KEYS.requestId]: requestId,
      [OHF_TAG_KEYS.templateId]: 'a-template-id-that-is-sixty-four-characters-long-0123456789abcde',
      [OHF_TAG_KEYS.providerInstance]: 'linode main (eu)',
    };
    for (const rules of [LINODE, DIGITALOCEAN, { maxLength: 20, pattern: /^[a-z0-9\-:.]+$/ }]) {
      const tags = encodeStringTags(original, rules);
      for (const tag of tags) {
        expect(tag.length).toBeLessThanOrEqual(rules.maxLength);
        if ('pattern' in rules) expect(tag).toMatch(rules.pattern);
      }
      expect(decodeStringTags(tags)).toEqual(original);
    }
  });

  it('keeps other tags best effort: sanitised and truncated, still readable as key/value', () => {
    const tags = encodeStringTags({ team: 'data platform', env: 'prod', note: 'x'.repeat(300) }, DIGITALOCEAN);
    expect(tags).toEqual(['team:data_platform', 'env:prod', `note:${'x'.repeat(250)}`]);
    expect(decodeStringTags(tags)).toMatchObject({ team: 'data_platform', env: 'prod' });
  });

  it('pads tags shorter than the minimum length and decodes bare tags', () => {
    expect(encodeStringTags({ a: '' }, LINODE)).toEqual(['a__']);
    expect(decodeStringTags(['production', 'owner:ops'])).toEqual({ production: '', owner: 'ops' });
  });

  it('accepts a global pattern without carrying state between characters', () => {
    const tags = encodeStringTags({ key: 'value with space' }, { pattern: /^[a-z:]+$/g });
    expect(tags).toEqual(['key:value_with_space']);
  });
});
