import type { NewMachineRequest, NewTemplate } from '../api/schema-types';
import { linesOf, tagsOf, type WizardChoices } from './wizard-choices';

/**
 * Where each provider type takes the region, keys, app and tags of a machine
 * (`template.providerOptions[type]`, as each provider documents it). A type not listed gets
 * the template's common fields only (its instance fixes the region, as AWS's does).
 */
function providerOptionsFor(choices: WizardChoices, providerType: string): Record<string, Record<string, unknown>> {
  const keys = linesOf(choices.sshKeys);
  const tags = tagsOf(choices.tags);
  switch (providerType) {
    case 'memory':
      return { memory: { location: choices.region } };
    case 'linode':
      return {
        linode: {
          region: choices.region,
          ...(keys.length > 0 ? { authorized_keys: keys } : {}),
          ...(choices.app?.kind === 'stackscript' ? { stackscript_id: Number(choices.app.appId) } : {}),
          ...(Object.keys(tags).length > 0 ? { tags: Object.entries(tags).map(([key, value]) => `${key}:${value}`.slice(0, 50)) } : {}),
        },
      };
    case 'digitalocean':
      return {
        digitalocean: {
          region: choices.region,
          size: choices.plan?.planId,
          // A Marketplace app is deployed as its image slug.
          image: choices.app?.kind === 'marketplace' ? choices.app.appId : choices.imageId,
          ssh_keys: keys,
        },
      };
    default:
      return {};
  }
}

/** A template id for this submission: letters, digits and dashes, at most 64 characters. */
export function consoleTemplateId(planId: string, suffix: string): string {
  const plan = planId.replace(/[^A-Za-z0-9_-]+/g, '-').slice(0, 40);
  return `console-${plan}-${suffix}`.slice(0, 64);
}

/**
 * The template the wizard's request carries: requests name a template, so the choices become
 * one, which the API keeps as the organization's template for the record and reuse.
 */
export function templateFromChoices(choices: WizardChoices, suffix: string): NewTemplate {
  const plan = choices.plan;
  if (plan === undefined) throw new Error('A plan must be chosen before the template is made.');
  const tags = tagsOf(choices.tags);
  const keys = linesOf(choices.sshKeys);
  return {
    templateId: consoleTemplateId(plan.planId, suffix),
    description: `Made by the console: ${choices.count} × ${plan.name} on ${plan.provider}${choices.app ? ` with ${choices.app.name}` : ''}.`,
    maxNumber: Math.max(choices.count, 1),
    attributes: {
      type: ['String', plan.architecture === 'arm64' ? 'ARM64' : 'X86_64'],
      ncpus: ['Numeric', String(plan.vcpus)],
      nram: ['Numeric', String(Math.round(plan.memoryGb * 1024))],
    },
    providerType: plan.providerType,
    providerName: plan.provider,
    vmType: plan.planId,
    imageId: choices.imageId,
    ...(Object.keys(tags).length > 0 ? { instanceTags: tags } : {}),
    ...(choices.userData.trim() === '' ? {} : { userData: choices.userData }),
    ...(plan.providerType === 'aws' && keys[0] !== undefined ? { keyName: keys[0] } : {}),
    providerOptions: providerOptionsFor(choices, plan.providerType),
  };
}

/**
 * The one POST /requests the wizard sends: `count` machines from the choices as a new inline
 * template, on the plan's provider instance (the one whose price the review showed).
 */
export function requestFromChoices(choices: WizardChoices, suffix: string): NewMachineRequest {
  const template = templateFromChoices(choices, suffix);
  return {
    template,
    maxNumber: choices.count,
    ...(template.providerName === undefined ? {} : { providerPreference: { instance: template.providerName } }),
  };
}
