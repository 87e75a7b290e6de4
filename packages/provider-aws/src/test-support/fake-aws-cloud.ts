/**
 * A small, stateful fake of the AWS APIs this provider calls, answered through
 * aws-sdk-client-mock so the provider runs its REAL SDK clients (command classes, clients,
 * error types) with no network. It is a test backend, never used by the package itself.
 */
import * as autoScalingModule from '@aws-sdk/client-auto-scaling';
import { AutoScalingClient } from '@aws-sdk/client-auto-scaling';
import * as cloudWatchModule from '@aws-sdk/client-cloudwatch';
import { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import * as ec2Module from '@aws-sdk/client-ec2';
import { EC2Client } from '@aws-sdk/client-ec2';
import * as pricingModule from '@aws-sdk/client-pricing';
import { PricingClient } from '@aws-sdk/client-pricing';
import * as ssmModule from '@aws-sdk/client-ssm';
import { SSMClient } from '@aws-sdk/client-ssm';
import * as stsModule from '@aws-sdk/client-sts';
import { STSClient } from '@aws-sdk/client-sts';
import type { ConformanceFailureKind, ConformanceHarness, ConformanceOperation } from '@ohf/provider-sdk/testing';
import { mockClient } from 'aws-sdk-client-mock';
import { awsError, FAULTS } from './fake-aws-error.js';
import { fakePricingHandlers } from './fake-aws-pricing.js';
import { fakeAutoScalingHandlers, fakeEc2CatalogHandlers, fakeIdentityAndMonitoringHandlers } from './fake-aws-services.js';
import { FakeAwsWorld } from './fake-aws-world.js';
import type { Handler, Input } from './fake-aws-world.js';
import { fakeEc2FleetHandlers } from './fake-ec2-fleets.js';
import { fakeEc2InstanceHandlers } from './fake-ec2-instances.js';

const OPERATION_KIND: Readonly<Record<string, ConformanceOperation>> = {
  RunInstances: 'create',
  CreateFleet: 'create',
  RequestSpotFleet: 'create',
  CreateAutoScalingGroup: 'create',
  DescribeInstances: 'describe',
  TerminateInstances: 'terminate',
  TerminateInstanceInAutoScalingGroup: 'terminate',
  CancelSpotFleetRequests: 'terminate',
  DeleteFleets: 'terminate',
  DescribeAvailabilityZones: 'list',
  DescribeInstanceTypes: 'list',
  DescribeImages: 'list',
  DescribeSpotPriceHistory: 'list',
  GetProducts: 'list',
};

export interface FakeAwsCloudOptions {
  /** The fake's clock (default: a fixed 2025-01-01). */
  now?: () => number;
  /** Runs before and after every answered call (a process sharing the fake through a file syncs here). */
  aroundCall?: { before(): void; after(): void };
}

export class FakeAwsCloud extends FakeAwsWorld implements ConformanceHarness {
  readonly ec2 = mockClient(EC2Client);
  readonly autoScaling = mockClient(AutoScalingClient);
  readonly sts = mockClient(STSClient);
  readonly ssm = mockClient(SSMClient);
  readonly cloudWatch = mockClient(CloudWatchClient);
  readonly pricing = mockClient(PricingClient);

  #aroundCall: FakeAwsCloudOptions['aroundCall'];

  constructor(options: FakeAwsCloudOptions = {}) {
    super(options.now ?? (() => Date.parse('2025-01-01T00:00:00Z')));
    this.#aroundCall = options.aroundCall;
    this.#install();
  }

  reset(): void {
    this.clear();
    for (const stub of [this.ec2, this.autoScaling, this.sts, this.ssm, this.cloudWatch, this.pricing]) stub.reset();
    this.#install();
  }

  restore(): void {
    for (const stub of [this.ec2, this.autoScaling, this.sts, this.ssm, this.cloudWatch, this.pricing]) stub.restore();
  }

  failNextCall(kind: ConformanceFailureKind, options: { times?: number; retryAfterSeconds?: number; operation?: ConformanceOperation } = {}): void {
    this.faults.push({
      kind,
      remaining: options.times ?? 1,
      retryAfterSeconds: options.retryAfterSeconds,
      ...(options.operation === undefined ? {} : { operation: options.operation }),
    });
  }

  limitCapacity(maxMachines: number): void {
    this.capacity = maxMachines;
  }

  callCount(operation: ConformanceOperation): number {
    let total = 0;
    for (const [name, count] of this.calls) if (OPERATION_KIND[name] === operation) total += count;
    return total;
  }

  /** Calls of one AWS operation, e.g. `count('DescribeInstances')`. */
  count(operation: string): number {
    return this.calls.get(operation) ?? 0;
  }

  removeOutOfBand(id: string): void {
    this.instances.delete(id);
  }

  #install(): void {
    const { sts, ssm, cloudWatch } = fakeIdentityAndMonitoringHandlers(this);
    this.#route(this.ec2, ec2Module, { ...fakeEc2InstanceHandlers(this), ...fakeEc2FleetHandlers(this), ...fakeEc2CatalogHandlers() });
    this.#route(this.autoScaling, autoScalingModule, fakeAutoScalingHandlers(this));
    this.#route(this.sts, stsModule, sts);
    this.#route(this.ssm, ssmModule, ssm);
    this.#route(this.cloudWatch, cloudWatchModule, cloudWatch);
    this.#route(this.pricing, pricingModule, fakePricingHandlers());
  }

  #route(
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- one router for six differently typed client stubs
    stub: { on(command: any): { callsFake(fake: (input: Input) => unknown): unknown } },
    module: Record<string, unknown>, handlers: Record<string, Handler>): void {
    for (const [operation, handler] of Object.entries(handlers)) {
      stub.on(module[`${operation}Command`]).callsFake(async (input: Input) => {
        this.#aroundCall?.before();
        try {
          return this.#answer(operation, handler, input);
        } finally {
          this.#aroundCall?.after();
        }
      });
    }
  }

  #answer(operation: string, handler: Handler, input: Input): unknown {
    this.calls.set(operation, (this.calls.get(operation) ?? 0) + 1);
    const kind = OPERATION_KIND[operation];
    const fault = this.faults.find((candidate) => candidate.operation === undefined || candidate.operation === kind);
    if (fault) {
      fault.remaining -= 1;
      if (fault.remaining <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
      const shape = FAULTS[fault.kind];
      throw awsError(shape.name, shape.message, {
        status: shape.status,
        fault: shape.fault,
        ...(fault.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: fault.retryAfterSeconds }),
      });
    }
    return handler(structuredClone(input));
  }
}
