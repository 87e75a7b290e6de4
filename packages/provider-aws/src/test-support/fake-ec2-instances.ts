import { awsError } from './fake-aws-error.js';
import { instanceFilterValue, tagsOf } from './fake-aws-world.js';
import type { FakeAwsWorld, FakeInstance, Handler } from './fake-aws-world.js';

/** The one AMI of the fake account besides the SSM parameters' (DescribeImages lists it). */
const KNOWN_IMAGE_ID = 'ami-0123456789abcdef0';

/** EC2 machines and launch templates: DescribeInstances (filters, pages), RunInstances, Start/Stop/RebootInstances, TerminateInstances. */
export function fakeEc2InstanceHandlers(world: FakeAwsWorld): Record<string, Handler> {
  return {
    DescribeInstances: (input) => {
      // Fleets and groups replace lost members in the background; a describe is when anyone would notice.
      world.tick();
      const ids: string[] | undefined = input['InstanceIds'];
      if (ids && ids.length > 0) {
        const missing = ids.filter((id) => !world.instances.has(id));
        if (missing.length > 0) {
          throw awsError(
            'InvalidInstanceID.NotFound',
            missing.length === 1 ? `The instance ID '${missing[0]}' does not exist` : `The instance IDs '${missing.join(', ')}' do not exist`,
          );
        }
        return { Reservations: [{ Instances: ids.map((id) => world.describe(world.instances.get(id) as FakeInstance)) }] };
      }
      const filters: Array<{ Name: string; Values: string[] }> = input['Filters'] ?? [];
      const matching = [...world.instances.values()].filter((instance) =>
        filters.every((filter) => {
          if (filter.Values.length > 200) throw awsError('InvalidParameterValue', `The filter '${filter.Name}' has more than 200 values.`);
          if (filter.Name.startsWith('tag:')) return filter.Values.includes(instance.tags[filter.Name.slice(4)] ?? '\u0000');
          const value = instanceFilterValue(instance, filter.Name);
          if (value === undefined) throw awsError('InvalidParameterValue', `The filter '${filter.Name}' is invalid`);
          return value.some((candidate) => filter.Values.includes(candidate));
        }),
      );
      const size = Math.min(input['MaxResults'] ?? 1000, world.pageSize);
      const start = Number(input['NextToken'] ?? 0);
      const page = matching.slice(start, start + size);
      return {
        Reservations: page.length > 0 ? [{ Instances: page.map((instance) => world.describe(instance)) }] : [],
        ...(start + size < matching.length ? { NextToken: String(start + size) } : {}),
      };
    },
    RunInstances: (input) => {
      // AWS checks permissions and parameters, launches nothing and says so with an error.
      if (input['DryRun'] === true) {
        const images = new Set([KNOWN_IMAGE_ID, ...world.ssmParameters.values()]);
        if (typeof input['ImageId'] === 'string' && !images.has(input['ImageId'])) {
          throw awsError('InvalidAMIID.NotFound', `The image id '[${input['ImageId']}]' does not exist`);
        }
        throw awsError('DryRunOperation', 'Request would have succeeded, but DryRun flag is set.', { status: 412 });
      }
      return world.idempotent('RunInstances', input['ClientToken'], () => {
        const room = world.room(input['MaxCount']);
        if (room < input['MinCount']) {
          throw awsError('InsufficientInstanceCapacity', `We currently do not have sufficient ${input['InstanceType']} capacity in the Availability Zone you requested.`, { status: 500, fault: 'server' });
        }
        const launched = world.launch(room, {
          instanceType: input['InstanceType'],
          subnetId: input['SubnetId'],
          imageId: input['ImageId'],
          tags: tagsOf(input['TagSpecifications'], 'instance'),
          ...(input['InstanceMarketOptions']?.MarketType === 'spot' ? { lifecycle: 'spot' as const } : {}),
        });
        return { ReservationId: `r-${world.sequence}`, Instances: launched.map((instance) => world.describe(instance)) };
      });
    },
    TerminateInstances: (input) => {
      const ids: string[] = input['InstanceIds'];
      const missing = ids.filter((id) => !world.instances.has(id));
      if (missing.length > 0) {
        throw awsError('InvalidInstanceID.NotFound', `The instance IDs '${missing.join(', ')}' do not exist`);
      }
      return {
        TerminatingInstances: ids.map((id) => {
          const instance = world.instances.get(id) as FakeInstance;
          const previous = instance.state;
          instance.state = 'terminated';
          return { InstanceId: id, PreviousState: { Name: previous }, CurrentState: { Name: 'terminated' } };
        }),
      };
    },
    StartInstances: (input) => ({ StartingInstances: power(world, input['InstanceIds'], 'running') }),
    StopInstances: (input) => ({ StoppingInstances: power(world, input['InstanceIds'], 'stopped') }),
    RebootInstances: (input) => {
      power(world, input['InstanceIds'], 'running');
      return {};
    },
    CreateLaunchTemplate: (input) =>
      world.idempotent('CreateLaunchTemplate', input['ClientToken'], () => {
        if (world.launchTemplates.has(input['LaunchTemplateName'])) {
          throw awsError('InvalidLaunchTemplateName.AlreadyExistsException', `Launch template name already in use.`);
        }
        const id = `lt-${(world.launchTemplates.size + 1).toString(16).padStart(17, '0')}`;
        world.launchTemplates.set(input['LaunchTemplateName'], { id, name: input['LaunchTemplateName'], versions: [input['LaunchTemplateData']] });
        return { LaunchTemplate: { LaunchTemplateId: id, LaunchTemplateName: input['LaunchTemplateName'], LatestVersionNumber: 1 } };
      }),
    CreateLaunchTemplateVersion: (input) =>
      world.idempotent('CreateLaunchTemplateVersion', input['ClientToken'], () => {
        const template = [...world.launchTemplates.values()].find(
          (candidate) => candidate.id === input['LaunchTemplateId'] || candidate.name === input['LaunchTemplateName'],
        );
        if (!template && input['LaunchTemplateId'] === undefined) {
          throw awsError('InvalidLaunchTemplateName.NotFoundException', `At least one of the launch templates specified in the request does not exist.`);
        }
        if (!template) throw awsError('InvalidLaunchTemplateId.NotFound', 'The specified launch template does not exist.');
        template.versions.push(input['LaunchTemplateData']);
        return {
          LaunchTemplateVersion: { LaunchTemplateId: template.id, LaunchTemplateName: template.name, VersionNumber: template.versions.length },
        };
      }),
  };
}

/** Start and stop as EC2 answers them: unknown ids are NotFound, a terminated machine is in the wrong state. */
function power(world: FakeAwsWorld, ids: string[], target: 'running' | 'stopped'): Array<{ InstanceId: string; PreviousState: { Name: string }; CurrentState: { Name: string } }> {
  const missing = ids.filter((id) => !world.instances.has(id));
  if (missing.length > 0) throw awsError('InvalidInstanceID.NotFound', `The instance IDs '${missing.join(', ')}' do not exist`);
  return ids.map((id) => {
    const instance = world.instances.get(id) as FakeInstance;
    if (instance.state === 'terminated' || instance.state === 'shutting-down') {
      throw awsError('IncorrectInstanceState', `The instance '${id}' is not in a state from which it can be started.`);
    }
    const previous = instance.state;
    instance.state = target;
    return { InstanceId: id, PreviousState: { Name: previous }, CurrentState: { Name: target } };
  });
}
