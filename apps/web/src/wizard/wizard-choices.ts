import type { CatalogApp, CatalogPlan } from '../api/schema-types';

/** What the person chose in the wizard, step by step. */
export interface WizardChoices {
  /** A provider instance by name, or the cheapest plan that fits the minimums across all of them. */
  readonly mode: 'provider' | 'cheapest';
  readonly providerInstance: string;
  readonly minimumVcpus: number;
  readonly minimumMemoryGb: number;
  readonly plan: CatalogPlan | undefined;
  /** A StackScript or Marketplace app, or none. */
  readonly app: CatalogApp | undefined;
  readonly imageId: string;
  readonly count: number;
  readonly region: string;
  /** One public key (or key id) per line. */
  readonly sshKeys: string;
  /** One `key=value` per line. */
  readonly tags: string;
  readonly userData: string;
}

export const INITIAL_CHOICES: WizardChoices = {
  mode: 'provider',
  providerInstance: '',
  minimumVcpus: 1,
  minimumMemoryGb: 1,
  plan: undefined,
  app: undefined,
  imageId: '',
  count: 1,
  region: '',
  sshKeys: '',
  tags: '',
  userData: '',
};

export const WIZARD_STEPS = ['Provider', 'Plan', 'Deployment', 'Image', 'Configuration', 'Review'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

/** Why the person cannot go past `step` yet, or undefined when they can. */
export function stepProblem(step: WizardStep, choices: WizardChoices): string | undefined {
  switch (step) {
    case 'Provider':
      if (choices.mode === 'provider' && choices.providerInstance === '') return 'Choose a provider instance, or the cheapest that fits.';
      if (choices.mode === 'cheapest' && (choices.minimumVcpus < 1 || choices.minimumMemoryGb <= 0)) return 'Give at least 1 vCPU and some memory.';
      return undefined;
    case 'Plan':
      return choices.plan === undefined ? 'Choose a plan.' : undefined;
    case 'Deployment':
      return undefined;
    case 'Image':
      return choices.imageId === '' ? 'Choose an image.' : undefined;
    case 'Configuration': {
      if (!Number.isInteger(choices.count) || choices.count < 1 || choices.count > 100) return 'The count is a whole number from 1 to 100.';
      if (choices.region === '') return 'Choose a region.';
      const badTag = linesOf(choices.tags).find((line) => !/^[^=\s][^=]*=.*$/.test(line));
      if (badTag !== undefined) return `The tag "${badTag}" is not of the form key=value.`;
      return undefined;
    }
    case 'Review':
      return undefined;
  }
}

export function linesOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** `key=value` lines as a map. */
export function tagsOf(text: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const line of linesOf(text)) {
    const separator = line.indexOf('=');
    if (separator > 0) tags[line.slice(0, separator).trim()] = line.slice(separator + 1).trim();
  }
  return tags;
}
