// Selection throughput over 100 provider instances, one figure per policy (SPEC §9: ≥ 500,000
// selections/s for every policy). The instances have varied types, weights, priorities,
// capabilities, health, latency and success history, a few open circuits and capacity blocks,
// so every criterion and policy has real work to do. Throughput is counted against this
// process's CPU time: the loop is single-threaded, and on a shared machine wall time would
// mostly measure the neighbours.
import { createSelectionEngine, SELECTION_POLICIES } from '@ohf/selection-engine';
import { seededRandom } from '@ohf/selection-engine/testing';

const TARGET = 500_000;
const INSTANCE_COUNT = 100;
const MEASURE_MS = 300;

function buildEngine() {
  const startMs = Date.parse('2026-03-01T12:00:00.000Z');
  let nowMs = startMs;
  const clock = { now: () => new Date(nowMs) };
  const types = ['aws', 'linode', 'digitalocean'];
  const capabilitySets = [
    ['EC2Fleet', 'SpotFleet', 'RunInstances', 'ASG'],
    ['EC2Fleet', 'RunInstances'],
    ['RunInstances', 'instances'],
    ['instances', 'spot_instances'],
  ];
  const instances = Array.from({ length: INSTANCE_COUNT }, (_, index) => ({
    name: `instance-${String(index).padStart(3, '0')}`,
    type: types[index % types.length],
    enabled: index % 17 !== 0,
    priority: (index * 7) % 10,
    weight: 1 + ((index * 3) % 10),
    capabilities: capabilitySets[index % capabilitySets.length],
  }));
  const engine = createSelectionEngine({
    instances,
    policy: 'WEIGHTED_ROUND_ROBIN',
    circuitBreaker: { failureThreshold: 5, recoveryTimeoutSeconds: 600 },
    clock,
    random: seededRandom(2026),
  });
  const random = seededRandom(7);
  for (const [index, instance] of instances.entries()) {
    const successRate = 0.75 + 0.25 * random();
    const baseLatency = 40 + (index % 13) * 35;
    for (let sample = 0; sample < 30; sample += 1) {
      engine.recordOutcome(instance.name, {
        operation: sample % 3 === 0 ? 'HEALTH_CHECK' : 'CREATE_INSTANCES',
        success: random() < successRate,
        latencyMs: baseLatency * (0.5 + random()),
        errorCode: 'API_ERROR',
      });
    }
    if (index % 10 === 3) engine.updateHealth(instance.name, { healthy: false, message: 'maintenance' });
    if (index % 25 === 7) {
      for (let failure = 0; failure < 5; failure += 1) engine.recordOutcome(instance.name, { success: false, errorCode: 'PROVIDER_UNAVAILABLE' });
    }
    if (index % 20 === 11) engine.blockCapacity({ instance: instance.name, api: 'EC2Fleet', ttlSeconds: 900 });
    if (index % 9 === 4) engine.beginOperation(instance.name, 'CREATE_INSTANCES');
  }
  nowMs += 30_000;
  return { engine, advance: (ms) => (nowMs += ms) };
}

/** Runs `action` in batches for about MEASURE_MS of wall time; returns operations per CPU-second. */
function measure(action) {
  for (let index = 0; index < 20_000; index += 1) action();
  let operations = 0;
  const cpuStart = process.cpuUsage();
  const wallStart = performance.now();
  while (performance.now() - wallStart < MEASURE_MS) {
    for (let index = 0; index < 10_000; index += 1) action();
    operations += 10_000;
  }
  const cpu = process.cpuUsage(cpuStart);
  return operations / ((cpu.user + cpu.system) / 1e6);
}

export default async function run({ report }) {
  const { engine } = buildEngine();
  let sink = 0;
  for (const policy of SELECTION_POLICIES) {
    engine.configure({ policy });
    const perSecond = measure(() => {
      sink += engine.select().attempt;
    });
    report({
      name: `select() over ${INSTANCE_COUNT} instances, ${policy} (selections/s, ratio = measured/target)`,
      value: Math.round(perSecond),
      unit: 'selections/s',
      target: TARGET,
      ratio: perSecond / TARGET,
      pass: perSecond >= TARGET,
    });
  }

  // For context (no target of their own): the template path, and a selection after every outcome.
  engine.configure({ policy: 'WEIGHTED_ROUND_ROBIN' });
  const template = { templateId: 'fleet', providerType: 'aws', providerApi: 'EC2Fleet', vmTypes: { 'm5.large': 1, 'c5.large': 2 } };
  const perTemplate = measure(() => {
    sink += engine.resolveForTemplate(template).attempt;
  });
  report({ name: 'resolveForTemplate() by provider type + API, WEIGHTED_ROUND_ROBIN (for context)', value: Math.round(perTemplate), unit: 'resolutions/s' });

  let counter = 0;
  const perChurn = measure(() => {
    const decision = engine.select();
    counter += 1;
    if (counter % 10 === 0) engine.recordOutcome(decision.instance, { success: true, latencyMs: 50, operation: 'CREATE_INSTANCES' });
  });
  report({
    name: 'select() with an outcome recorded every 10 selections, WEIGHTED_ROUND_ROBIN (for context)',
    value: Math.round(perChurn),
    unit: 'selections/s',
  });

  const perExplained = measure(() => {
    sink += engine.select(undefined, { explain: true }).attempt;
  });
  report({ name: 'select({ explain: true }) over 100 instances (for context)', value: Math.round(perExplained), unit: 'selections/s' });
  if (sink < 0) throw new Error('unreachable');
}
