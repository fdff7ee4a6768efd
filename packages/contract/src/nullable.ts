/**
 * Helpers for Conductor's lenient JSON: SDKs send `null` for most absent fields, so request schemas
 * accept null wherever a value is optional. A `type: [T, 'null']` array is used rather than `anyOf`
 * so that Ajv's type coercion never turns a `null` into `""` or `0`.
 * @module
 */
import { Type } from '@sinclair/typebox';
import type { Static, TSchema, TUnsafe } from '@sinclair/typebox';

/** `schema` or `null`. Works for schemas with a single `type` (string, number, object, array...). */
export function Nullable<T extends TSchema>(schema: T): TUnsafe<Static<T> | null> {
  const { type } = schema as { type?: unknown };
  if (typeof type !== 'string') {
    return Type.Unsafe<Static<T> | null>({ anyOf: [schema, { type: 'null' }] });
  }
  return Type.Unsafe<Static<T> | null>({ ...schema, type: [type, 'null'] });
}

/** An optional, nullable property. */
export function Opt<T extends TSchema>(schema: T) {
  return Type.Optional(Nullable(schema));
}

/** A string enum that also accepts null. */
export function NullableEnum<const V extends readonly string[]>(values: V, description?: string) {
  return Type.Unsafe<V[number] | null>({
    type: ['string', 'null'],
    enum: [...values, null],
    ...(description === undefined ? {} : { description }),
  });
}

/** A string enum (no null). */
export function StringEnum<const V extends readonly string[]>(values: V, description?: string) {
  return Type.Unsafe<V[number]>({
    type: 'string',
    enum: [...values],
    ...(description === undefined ? {} : { description }),
  });
}

/** A JSON object with any keys (Conductor's `Map<String, Object>`). */
export const JsonMap = Type.Record(Type.String(), Type.Unknown());

/** A reference to a shared schema registered with `addSchema` (see `SHARED_SCHEMAS`). */
export function SchemaRef<T>(id: string) {
  return Type.Unsafe<T>({ $ref: `${id}#` });
}
