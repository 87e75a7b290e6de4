import { config } from 'zod';

/**
 * Whether this process serves many calls: the resident helper (`ohfp helper start`, detached or
 * `--foreground`). A false match (a template named "helper", say) only keeps the default below.
 */
export function servesManyCalls(argv: readonly string[]): boolean {
  return argv.includes('helper') && argv.includes('start');
}

/**
 * zod compiles an object schema into a parser of its own (`new Function`) the first time it
 * parses with it, which pays off over many parses. An `ohfp` call is one process that parses
 * most of its schemas once or a few times, so compiling is pure cost: turned off, a status poll
 * of 10 AWS machines took 4–10% less CPU and a 10,000-machine one no more (interleaved, Node.js 20).
 * The helper serves thousands of calls with the same schemas and keeps them compiled. Must run
 * before the schemas are built (importing run-cli builds them): zod decides when it builds one.
 */
export function compileSchemasOnlyWhenServingManyCalls(argv: readonly string[]): void {
  config({ jitless: !servesManyCalls(argv) });
}
