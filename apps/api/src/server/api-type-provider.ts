import type { FastifyTypeProvider } from 'fastify';
import type { $ZodType, input, output } from 'zod/v4/core';

/**
 * What an answer may be for a response schema of type `Type`: read-only at any depth, and an
 * object the schema leaves open (`z.looseObject`, `z.record(z.string(), z.unknown())`) may be an
 * interface, which has no index signature. Functions stay as they are.
 */
type Answer<Type> = Type extends (...parameters: never[]) => unknown
  ? Type
  : Type extends readonly unknown[]
    ? { readonly [Index in keyof Type]: Answer<Type[Index]> }
    : Type extends object
      ? { readonly [Key in keyof Type as OpenKey<Type, Key>]: Answer<Type[Key]> }
      : Type;

/** Drops an index signature whose values may be anything: it accepts every extra key anyway. */
type OpenKey<Type, Key extends keyof Type> = string extends Key ? (unknown extends Type[Key] ? never : Key) : Key;

/**
 * fastify-type-provider-zod's provider, except for what a route may answer: the serializer only
 * reads an answer (it parses it with the response schema), so the application's read-only
 * results are sent as they are, checked against the schema without a copy or a cast.
 */
export interface ApiTypeProvider extends FastifyTypeProvider {
  validator: this['schema'] extends $ZodType ? output<this['schema']> : unknown;
  serializer: this['schema'] extends $ZodType ? Answer<input<this['schema']>> : unknown;
}
