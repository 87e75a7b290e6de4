import { awsError } from './fake-aws-error.js';
import { tagsOf } from './fake-aws-world.js';
import type { FakeAwsWorld, Handler } from './fake-aws-world.js';

/** EC2 Fleet and Spot Fleet: create, describe, modify and delete, with their members. */
export function fakeEc2FleetHandlers(world: FakeAwsWorld): Record<string, Handler> {
  return {
    CreateFleet: (input) =>
      world.idempotent('CreateFleet', input['ClientToken'], () => {
        const fleetId = `fleet-${(world.fleets.size + 1).toString(16).padStart(8, '0')}-0000-0000-0000-000000000000`;
        const config = input['LaunchTemplateConfigs'][0];
        const override = config.Overrides?.[0] ?? {};
        const weight = override.WeightedCapacity ?? 1;
        const total = input['TargetCapacitySpecification'].TotalTargetCapacity;
        const wanted = Math.ceil(total / weight);
        const room = world.room(wanted);
        const spot = input['TargetCapacitySpecification'].DefaultTargetCapacityType === 'spot';
        const tags = {
          ...world.launchTemplateTags(config.LaunchTemplateSpecification),
          ...tagsOf(input['TagSpecifications'], 'instance'),
          'aws:ec2:fleet-id': fleetId,
        };
        const launched = world.launch(room, { instanceType: override.InstanceType, subnetId: override.SubnetId, tags, ...(spot ? { lifecycle: 'spot' as const } : {}) });
        world.fleets.set(fleetId, { id: fleetId, type: input['Type'], kind: 'ec2', targetCapacity: total, state: 'active', input });
        if (input['Type'] !== 'instant') return { FleetId: fleetId, Errors: [] };
        return {
          FleetId: fleetId,
          Instances: launched.length > 0
            ? [{ InstanceIds: launched.map((instance) => instance.id), InstanceType: override.InstanceType, Lifecycle: spot ? 'spot' : 'on-demand', LaunchTemplateAndOverrides: { Overrides: override } }]
            : [],
          Errors: room < wanted
            ? [{ ErrorCode: 'InsufficientInstanceCapacity', ErrorMessage: `There is no ${override.InstanceType} capacity`, Lifecycle: spot ? 'spot' : 'on-demand', LaunchTemplateAndOverrides: { Overrides: override } }]
            : [],
        };
      }),
    DescribeFleets: (input) => {
      const ids: string[] | undefined = input['FleetIds'];
      const filters: Array<{ Name: string; Values: string[] }> = input['Filters'] ?? [];
      const fleets = (ids && ids.length > 0 ? ids.flatMap((id) => world.fleets.get(id) ?? []) : [...world.fleets.values()])
        .filter((fleet) => fleet.kind === 'ec2')
        .filter((fleet) =>
          filters.every((filter) => {
            if (filter.Name === 'fleet-state') return filter.Values.includes(fleet.state);
            if (filter.Name === 'type') return filter.Values.includes(fleet.type);
            throw awsError('InvalidParameterValue', `The filter '${filter.Name}' is invalid`);
          }),
        );
      return world.page(fleets, input, 'Fleets', (fleet) => ({
        FleetId: fleet.id,
        Type: fleet.type,
        FleetState: fleet.state,
        TargetCapacitySpecification: { TotalTargetCapacity: fleet.targetCapacity },
        LaunchTemplateConfigs: fleet.input['LaunchTemplateConfigs'],
        Tags: Object.entries(tagsOf(fleet.input['TagSpecifications'], 'fleet')).map(([Key, Value]) => ({ Key, Value })),
      }));
    },
    DescribeFleetInstances: (input) => ({ ActiveInstances: world.members('aws:ec2:fleet-id', input['FleetId']) }),
    DeleteFleets: (input) => {
      for (const id of input['FleetIds'] as string[]) world.deleteFleet('aws:ec2:fleet-id', id, input['TerminateInstances']);
      return { SuccessfulFleetDeletions: (input['FleetIds'] as string[]).map((FleetId) => ({ FleetId })) };
    },
    ModifyFleet: (input) => {
      const fleet = world.fleets.get(input['FleetId']);
      if (fleet) fleet.targetCapacity = input['TargetCapacitySpecification'].TotalTargetCapacity;
      return { Return: true };
    },
    RequestSpotFleet: (input) =>
      world.idempotent('RequestSpotFleet', input['SpotFleetRequestConfig'].ClientToken, () => {
        const config = input['SpotFleetRequestConfig'];
        const id = `sfr-${(world.fleets.size + 1).toString(16).padStart(8, '0')}-0000-0000-0000-000000000000`;
        const launch = config.LaunchTemplateConfigs[0];
        const override = launch.Overrides?.[0] ?? {};
        const room = world.room(Math.ceil(config.TargetCapacity / (override.WeightedCapacity ?? 1)));
        world.launch(room, {
          instanceType: override.InstanceType,
          subnetId: override.SubnetId,
          lifecycle: 'spot',
          tags: { ...world.launchTemplateTags(launch.LaunchTemplateSpecification), 'aws:ec2spot:fleet-request-id': id },
        });
        world.fleets.set(id, { id, type: config.Type, kind: 'spot', targetCapacity: config.TargetCapacity, state: 'active', input: config });
        return { SpotFleetRequestId: id };
      }),
    DescribeSpotFleetInstances: (input) => ({ ActiveInstances: world.members('aws:ec2spot:fleet-request-id', input['SpotFleetRequestId']) }),
    DescribeSpotFleetRequests: (input) => {
      const ids: string[] | undefined = input['SpotFleetRequestIds'];
      const fleets = (ids && ids.length > 0 ? ids.flatMap((id) => world.fleets.get(id) ?? []) : [...world.fleets.values()]).filter(
        (fleet) => fleet.kind === 'spot',
      );
      return world.page(fleets, input, 'SpotFleetRequestConfigs', (fleet) => ({
        SpotFleetRequestId: fleet.id,
        SpotFleetRequestState: fleet.state,
        SpotFleetRequestConfig: { ...fleet.input, TargetCapacity: fleet.targetCapacity },
        Tags: Object.entries(tagsOf(fleet.input['TagSpecifications'], 'spot-fleet-request')).map(([Key, Value]) => ({ Key, Value })),
      }));
    },
    CancelSpotFleetRequests: (input) => {
      for (const id of input['SpotFleetRequestIds'] as string[]) world.deleteFleet('aws:ec2spot:fleet-request-id', id, input['TerminateInstances']);
      return { SuccessfulFleetRequests: (input['SpotFleetRequestIds'] as string[]).map((SpotFleetRequestId) => ({ SpotFleetRequestId })) };
    },
    ModifySpotFleetRequest: (input) => {
      const fleet = world.fleets.get(input['SpotFleetRequestId']);
      if (fleet) fleet.targetCapacity = input['TargetCapacity'];
      return { Return: true };
    },
  };
}
