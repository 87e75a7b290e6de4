import type {
  CreateLaunchTemplateCommandOutput,
  CreateLaunchTemplateVersionCommandOutput,
  RequestLaunchTemplateData,
} from '@aws-sdk/client-ec2';
import { ProviderSdkError } from '@ohf/provider-sdk';
import type { AwsCallScope } from '../aws-api.js';
import type { AwsTemplate } from '../handlers/template-offerings.js';
import type { AwsTag } from '../tags/aws-tags.js';
import { tagSpecifications } from '../tags/aws-tags.js';

/** How fleets and groups point at a launch template version. */
export interface LaunchTemplateReference {
  readonly LaunchTemplateId?: string;
  readonly LaunchTemplateName?: string;
  readonly Version: string;
}

export interface LaunchTemplateVersionRequest {
  readonly template: AwsTemplate;
  readonly data: RequestLaunchTemplateData;
  /** Tags of the launch template itself (template id, provider instance: not a request's). */
  readonly templateTags: readonly AwsTag[];
  readonly requestId: string;
  readonly clientToken: string;
}

/**
 * One launch template per OHF template (`<prefix>-<templateId>`), with one version per
 * request: the version carries the request's tags, so machines that fleets launch later are
 * tagged at launch. A version is added first (by the id this process learned, else by name);
 * the template is created only when AWS says none exists. A template's own `launchTemplateId`
 * is used as it is instead.
 */
export class LaunchTemplateManager {
  readonly #prefix: string;
  /** Launch template ids by name, learned from this process's creates. */
  readonly #known = new Map<string, string>();

  constructor(prefix: string) {
    this.#prefix = prefix;
  }

  nameFor(templateId: string): string {
    return `${this.#prefix}-${templateId}`;
  }

  async versionFor(scope: AwsCallScope, request: LaunchTemplateVersionRequest): Promise<LaunchTemplateReference> {
    const { template } = request;
    if (template.launchTemplateId) {
      const version = template.providerOptions['aws']?.['launchTemplateVersion'];
      return { LaunchTemplateId: template.launchTemplateId, Version: typeof version === 'string' ? version : '$Default' };
    }
    const name = this.nameFor(template.templateId);
    const knownId = this.#known.get(name);
    if (knownId) return this.#createVersion(scope, { LaunchTemplateId: knownId }, request);
    // A dry run cannot learn from a failed call whether the template exists; it plans the first request's calls.
    if (scope.dryRun) return this.#createTemplate(scope, name, request);
    // A process that has not created the template yet (every CLI run) adds a version by name first:
    // after the first request the template exists, and a create would only fail with "already exists".
    try {
      return await this.#createVersion(scope, { LaunchTemplateName: name }, request);
    } catch (error) {
      if (!isTemplateNotFound(error)) throw error;
    }
    try {
      return await this.#createTemplate(scope, name, request);
    } catch (error) {
      // Another process created it between our two calls.
      if (!isAlreadyExists(error)) throw error;
      return this.#createVersion(scope, { LaunchTemplateName: name }, request);
    }
  }

  async #createTemplate(scope: AwsCallScope, name: string, request: LaunchTemplateVersionRequest): Promise<LaunchTemplateReference> {
    const output = await scope.write<CreateLaunchTemplateCommandOutput>('EC2', 'CreateLaunchTemplate', {
      LaunchTemplateName: name,
      VersionDescription: request.requestId,
      LaunchTemplateData: request.data,
      ClientToken: request.clientToken,
      TagSpecifications: tagSpecifications(['launch-template'], request.templateTags),
    });
    if (!output) return { LaunchTemplateName: name, Version: '1' };
    const id = output.LaunchTemplate?.LaunchTemplateId;
    if (id) this.#known.set(name, id);
    return {
      ...(id ? { LaunchTemplateId: id } : { LaunchTemplateName: name }),
      Version: String(output.LaunchTemplate?.LatestVersionNumber ?? 1),
    };
  }

  async #createVersion(
    scope: AwsCallScope,
    target: { LaunchTemplateId: string } | { LaunchTemplateName: string },
    request: LaunchTemplateVersionRequest,
  ): Promise<LaunchTemplateReference> {
    const output = await scope.write<CreateLaunchTemplateVersionCommandOutput>('EC2', 'CreateLaunchTemplateVersion', {
      ...target,
      VersionDescription: request.requestId,
      LaunchTemplateData: request.data,
      ClientToken: request.clientToken,
    });
    if (!output) return { ...target, Version: '$Latest' };
    const version = output.LaunchTemplateVersion;
    if (version?.LaunchTemplateId && version.LaunchTemplateName) this.#known.set(version.LaunchTemplateName, version.LaunchTemplateId);
    return {
      ...(version?.LaunchTemplateId ? { LaunchTemplateId: version.LaunchTemplateId } : target),
      Version: String(version?.VersionNumber ?? '$Latest'),
    };
  }
}

const TEMPLATE_NOT_FOUND_CODES: ReadonlySet<unknown> = new Set(['InvalidLaunchTemplateName.NotFoundException', 'InvalidLaunchTemplateId.NotFound']);

function isAlreadyExists(error: unknown): boolean {
  return (
    ProviderSdkError.isInstance(error) && error.details['awsErrorCode'] === 'InvalidLaunchTemplateName.AlreadyExistsException'
  );
}

function isTemplateNotFound(error: unknown): boolean {
  return ProviderSdkError.isInstance(error) && TEMPLATE_NOT_FOUND_CODES.has(error.details['awsErrorCode']);
}
