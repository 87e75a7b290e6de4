import { describe, expect, it } from 'vitest';
import type { CatalogPlan } from '../api/schema-types';
import { consoleTemplateId, requestFromChoices, templateFromChoices } from './template-from-choices';
import { INITIAL_CHOICES, stepProblem, tagsOf, type WizardChoices } from './wizard-choices';

const plan = (fields: Partial<CatalogPlan> = {}): CatalogPlan => ({
  planId: 'g6-standard-2',
  name: 'Linode 4GB',
  provider: 'linode-main',
  providerType: 'linode',
  vcpus: 2,
  memoryGb: 4,
  diskGb: 80,
  gpus: 0,
  architecture: 'x86_64',
  transferGb: 4000,
  regions: ['us-east'],
  currency: 'USD',
  priceHourly: 0.036,
  priceMonthly: 24,
  ...fields,
});

const choices = (fields: Partial<WizardChoices>): WizardChoices => ({ ...INITIAL_CHOICES, ...fields });

describe('templateFromChoices', () => {
  it('turns a Linode plan, StackScript, keys and tags into the template Linode reads', () => {
    const template = templateFromChoices(
      choices({
        plan: plan(),
        app: { appId: '401697', name: 'WordPress', kind: 'stackscript', imageIds: [], description: null, providerInstance: 'linode-main', providerType: 'linode', updatedAt: '' },
        imageId: 'linode/ubuntu24.04',
        count: 3,
        region: 'us-east',
        sshKeys: 'ssh-ed25519 AAAA one\n\nssh-ed25519 BBBB two\n',
        tags: 'team=web\nenv = prod',
        userData: '#cloud-config\n',
      }),
      'abc123',
    );
    expect(template).toMatchObject({
      templateId: 'console-g6-standard-2-abc123',
      maxNumber: 3,
      attributes: { type: ['String', 'X86_64'], ncpus: ['Numeric', '2'], nram: ['Numeric', '4096'] },
      providerType: 'linode',
      providerName: 'linode-main',
      vmType: 'g6-standard-2',
      imageId: 'linode/ubuntu24.04',
      instanceTags: { team: 'web', env: 'prod' },
      userData: '#cloud-config\n',
      providerOptions: {
        linode: { region: 'us-east', authorized_keys: ['ssh-ed25519 AAAA one', 'ssh-ed25519 BBBB two'], stackscript_id: 401697, tags: ['team:web', 'env:prod'] },
      },
    });
  });

  it('deploys a DigitalOcean Marketplace app as its image', () => {
    const template = templateFromChoices(
      choices({
        plan: plan({ provider: 'do-main', providerType: 'digitalocean', planId: 's-1vcpu-1gb' }),
        app: { appId: 'wordpress-20-04', name: 'WordPress', kind: 'marketplace', imageIds: [], description: null, providerInstance: 'do-main', providerType: 'digitalocean', updatedAt: '' },
        imageId: 'ubuntu-24-04-x64',
        region: 'nyc3',
      }),
      'x',
    );
    expect(template.providerOptions).toEqual({ digitalocean: { region: 'nyc3', size: 's-1vcpu-1gb', image: 'wordpress-20-04', ssh_keys: [] } });
  });

  it('keeps template ids within the API rules', () => {
    expect(consoleTemplateId('a plan/with:odd chars'.repeat(4), 'suffix')).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  });

  it('refuses to build without a plan', () => {
    expect(() => templateFromChoices(INITIAL_CHOICES, 'x')).toThrow(/plan/);
  });
});

describe('requestFromChoices', () => {
  it('sends the count as one request carrying the template, pinned to the plan\'s instance', () => {
    const picked = choices({ plan: plan({ provider: 'memory-fast', providerType: 'memory', planId: 'memory.medium' }), imageId: 'debian-12', count: 2, region: 'mem-east-1' });
    const body = requestFromChoices(picked, 'k9');
    expect(body).toEqual({
      template: templateFromChoices(picked, 'k9'),
      maxNumber: 2,
      providerPreference: { instance: 'memory-fast' },
    });
    // One source of the template only: the API refuses a body naming both.
    expect(body).not.toHaveProperty('templateId');
    expect(body.template).toMatchObject({ templateId: 'console-memory-medium-k9', providerName: 'memory-fast', maxNumber: 2 });
  });

  it('refuses to build without a plan', () => {
    expect(() => requestFromChoices(INITIAL_CHOICES, 'x')).toThrow(/plan/);
  });
});

describe('stepProblem', () => {
  it('holds each step until its choice is made', () => {
    expect(stepProblem('Provider', INITIAL_CHOICES)).toMatch(/provider/);
    expect(stepProblem('Provider', choices({ mode: 'cheapest' }))).toBeUndefined();
    expect(stepProblem('Plan', INITIAL_CHOICES)).toBe('Choose a plan.');
    expect(stepProblem('Image', INITIAL_CHOICES)).toBe('Choose an image.');
    expect(stepProblem('Configuration', choices({ count: 0, region: 'r' }))).toMatch(/count/);
    expect(stepProblem('Configuration', choices({ region: 'r', tags: 'novalue' }))).toMatch(/key=value/);
    expect(stepProblem('Configuration', choices({ region: 'r', tags: 'a=1' }))).toBeUndefined();
  });

  it('reads tags one per line', () => {
    expect(tagsOf(' a = 1 \nb=\n')).toEqual({ a: '1', b: '' });
  });
});
