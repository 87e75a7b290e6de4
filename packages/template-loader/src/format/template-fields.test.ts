import { TemplateSchema } from '@ohf/domain-core';
import { AWS_TEMPLATE_FIELDS, ProviderTemplateV1Schema } from '@ohf/provider-sdk';
import { describe, expect, it } from 'vitest';
import { fieldForKey, TEMPLATE_FIELDS } from './template-fields.js';

describe('TEMPLATE_FIELDS', () => {
  it('describes every field of the template, each once', () => {
    const fields = TEMPLATE_FIELDS.map((definition) => definition.field);
    expect(new Set(fields).size).toBe(fields.length);
    expect([...fields].sort()).toEqual(Object.keys(TemplateSchema.shape).sort());
  });

  it('covers every field of the provider spec, so the spec is the one list', () => {
    for (const field of Object.keys(ProviderTemplateV1Schema.shape)) expect(fieldForKey(field)?.field).toBe(field);
    for (const field of AWS_TEMPLATE_FIELDS) expect(fieldForKey(field)?.field).toBe(field);
  });
});
