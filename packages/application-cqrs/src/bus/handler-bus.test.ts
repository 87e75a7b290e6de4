import { CommandError, NotFoundError, OhfError, QueryError, ValidationError } from '@ohf/domain-core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { InMemoryMetricsSink } from '../adapters/in-memory-metrics-sink.js';
import { MemoryLogger } from '../adapters/memory-logger.js';
import { APPLICATION_METRICS } from '../ports/metrics-sink.js';
import { CommandBus } from './command-bus.js';
import { loggingMiddleware } from './logging-middleware.js';
import { metricsMiddleware } from './metrics-middleware.js';
import { QueryBus } from './query-bus.js';
import { validationMiddleware } from './validation-middleware.js';

const GreetSchema = z.object({ type: z.literal('Greet'), name: z.string().min(1), times: z.number().int().positive().default(1) });
type Greet = z.infer<typeof GreetSchema>;
interface TestCommands {
  Greet: { input: z.input<typeof GreetSchema>; message: Greet; result: string };
  Explode: { input: { type: 'Explode' }; message: { type: 'Explode' }; result: never };
}

function createBus(extra: { logger?: MemoryLogger; metrics?: InMemoryMetricsSink } = {}) {
  let tick = 0;
  const now = () => (tick += 5);
  const bus = new CommandBus<TestCommands>({
    middleware: [
      loggingMiddleware({ logger: extra.logger ?? new MemoryLogger(), now }),
      metricsMiddleware({ metrics: extra.metrics ?? new InMemoryMetricsSink(), now }),
      validationMiddleware(),
    ],
  });
  return bus;
}

describe('CommandBus', () => {
  it('validates the message, applies defaults and returns the handler result', async () => {
    const bus = createBus();
    bus.register({ type: 'Greet', schema: GreetSchema }, async (message) => `${'hello '.repeat(message.times)}${message.name}`);
    await expect(bus.execute({ type: 'Greet', name: 'ada' })).resolves.toBe('hello ada');
    await expect(bus.execute({ type: 'Greet', name: 'ada', times: 2 })).resolves.toBe('hello hello ada');
  });

  it('rejects an invalid payload before the handler with the field paths', async () => {
    const bus = createBus();
    let called = false;
    bus.register({ type: 'Greet', schema: GreetSchema }, async () => {
      called = true;
      return '';
    });
    const error = await bus.execute({ type: 'Greet', name: '', times: 0 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).code).toBe('VALIDATION_ERROR');
    expect((error as ValidationError).message).toMatch(/^Invalid Greet: name: .*; times: /);
    expect((error as ValidationError).details['issues']).toEqual([
      { path: 'name', message: expect.any(String) },
      { path: 'times', message: expect.any(String) },
    ]);
    expect(called).toBe(false);
  });

  it('names an unknown command and lists the known ones', async () => {
    const bus = createBus();
    bus.register({ type: 'Greet', schema: GreetSchema }, async () => 'x');
    const error = await bus.execute({ type: 'Grete' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CommandError);
    expect((error as CommandError).message).toBe('Unknown command "Grete". Known commands: Greet.');
    expect((error as CommandError).details).toEqual({ type: 'Grete', known: ['Greet'] });
    await expect(bus.execute('Greet')).rejects.toThrow('A command must be an object with a string "type".');
  });

  it('keeps the code of our errors, including provider errors from another package copy', async () => {
    const bus = createBus();
    bus.register({ type: 'Greet', schema: GreetSchema }, async (message) => {
      if (message.name === 'missing') throw new NotFoundError('TEMPLATE_NOT_FOUND', 'Template "missing" not found');
      throw Object.assign(new Error('out of capacity in us-east-1a'), {
        [Symbol.for('ohf.error')]: true,
        code: 'INSUFFICIENT_CAPACITY',
        retryable: false,
      });
    });
    const notFound = await bus.execute({ type: 'Greet', name: 'missing' }).catch((caught: unknown) => caught);
    expect(notFound).toBeInstanceOf(NotFoundError);
    expect((notFound as NotFoundError).code).toBe('TEMPLATE_NOT_FOUND');
    const capacity = await bus.execute({ type: 'Greet', name: 'other' }).catch((caught: unknown) => caught);
    expect(OhfError.isInstance(capacity) && capacity.code).toBe('INSUFFICIENT_CAPACITY');
    expect((capacity as Error).message).toBe('out of capacity in us-east-1a');
  });

  it('turns unexpected errors into INTERNAL without their text, and logs the original', async () => {
    const logger = new MemoryLogger();
    const metrics = new InMemoryMetricsSink();
    const bus = createBus({ logger, metrics });
    bus.register({ type: 'Explode', schema: z.object({ type: z.literal('Explode') }) }, async () => {
      throw new TypeError('secret=hunter2 is not a function');
    });
    const error = await bus.execute({ type: 'Explode' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CommandError);
    expect((error as CommandError).code).toBe('INTERNAL');
    expect((error as CommandError).message).not.toContain('hunter2');
    expect((error as CommandError).cause).toBeInstanceOf(TypeError);
    const logged = logger.entries.find((entry) => entry.level === 'error');
    expect(logged?.message).toBe('command Explode failed unexpectedly');
    expect(JSON.stringify(logged?.data)).toContain('secret=hunter2');
    expect(metrics.total(APPLICATION_METRICS.messagesTotal, { type: 'Explode', outcome: 'error', code: 'INTERNAL' })).toBe(1);
  });

  it('times every message and counts outcomes by code', async () => {
    const metrics = new InMemoryMetricsSink();
    const bus = createBus({ metrics });
    bus.register({ type: 'Greet', schema: GreetSchema }, async () => 'ok');
    await bus.execute({ type: 'Greet', name: 'a' });
    await bus.execute({ type: 'Greet', name: '' }).catch(() => undefined);
    expect(metrics.total(APPLICATION_METRICS.messagesTotal, { type: 'Greet', outcome: 'success' })).toBe(1);
    expect(metrics.total(APPLICATION_METRICS.messagesTotal, { type: 'Greet', outcome: 'error', code: 'VALIDATION_ERROR' })).toBe(1);
    const durations = metrics.records.filter((record) => record.name === APPLICATION_METRICS.messageDurationMs);
    expect(durations.map((record) => record.value)).toEqual([5, 5]);
  });

  it('refuses a second handler for the same type', () => {
    const bus = createBus();
    bus.register({ type: 'Greet', schema: GreetSchema }, async () => 'x');
    expect(() => bus.register({ type: 'Greet', schema: GreetSchema }, async () => 'y')).toThrow(
      'A handler for the command "Greet" is already registered.',
    );
  });

  it('passes the correlation id and accepts handler objects', async () => {
    const bus = createBus();
    bus.register(
      { type: 'Greet', schema: GreetSchema },
      {
        prefix: 'hi ',
        async handle(message: Greet, context) {
          return `${this.prefix}${message.name} (${context.correlationId ?? 'none'})`;
        },
      } as { prefix: string; handle(message: Greet, context: { correlationId?: string }): Promise<string> },
    );
    await expect(bus.execute({ type: 'Greet', name: 'bob' }, { correlationId: 'c-1' })).resolves.toBe('hi bob (c-1)');
  });
});

describe('QueryBus', () => {
  it('reports unknown queries as QueryError', async () => {
    const bus = new QueryBus({ middleware: [validationMiddleware()] });
    const error = await bus.execute({ type: 'ListThings' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(QueryError);
    expect((error as QueryError).message).toBe('Unknown query "ListThings". Known queries: (none).');
  });
});
