import { OHF_TAG_KEYS } from '@ohf/provider-sdk';
import { describe, expect, it } from 'vitest';
import { DIGITALOCEAN_TAG_RULES, decodeDigitalOceanTags, digitalOceanRequestTag, encodeDigitalOceanTags, hasAllTags } from './digitalocean-tags.js';

describe('DigitalOcean tags', () => {
  it('encodes the OHF tags losslessly and every tag within the API pattern', () => {
    const tags = {
      [OHF_TAG_KEYS.requestId]: 'req-0f8e2c1a-5b7d-4c3e-9a1f-2d6b8e4c7a90',
      [OHF_TAG_KEYS.templateId]: 'web workers/v2',
      [OHF_TAG_KEYS.providerInstance]: 'do-main',
      'cost center': 'R&D',
    };
    const encoded = encodeDigitalOceanTags(tags);
    for (const tag of encoded) {
      expect(tag).toMatch(DIGITALOCEAN_TAG_RULES.pattern);
      expect(tag.length).toBeLessThanOrEqual(255);
    }
    const decoded = decodeDigitalOceanTags(encoded);
    expect(decoded).toMatchObject({
      [OHF_TAG_KEYS.requestId]: tags[OHF_TAG_KEYS.requestId],
      [OHF_TAG_KEYS.templateId]: 'web workers/v2',
      [OHF_TAG_KEYS.providerInstance]: 'do-main',
    });
  });

  it('names the request tag and matches tags case-insensitively', () => {
    expect(digitalOceanRequestTag('req-1')).toBe('ohf-req:req-1');
    expect(hasAllTags(['OHF-REQ:req-1', 'x'], ['ohf-req:req-1'])).toBe(true);
    expect(hasAllTags(['x'], ['ohf-req:req-1'])).toBe(false);
    expect(hasAllTags(null, [])).toBe(true);
  });
});
