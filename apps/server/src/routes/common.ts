/**
 * Shared bits of route declarations: error responses for OpenAPI and the typed instance alias.
 * @module
 */
import type {
  FastifyBaseLogger,
  FastifyInstance,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
} from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { SchemaRef } from '@baton/contract';
import type { ErrorResponse } from '@baton/contract';

/** A Fastify instance with the TypeBox type provider. */
export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

const ERROR = SchemaRef<ErrorResponse>('ErrorResponse');

/** Error responses most routes can give (documented in OpenAPI). */
export const ERRORS = {
  400: ERROR,
  401: ERROR,
  403: ERROR,
  404: ERROR,
  409: ERROR,
  503: ERROR,
} as const;

/** `true`/`false` query flags as Conductor sends them. */
export function flag(value: boolean | undefined, fallback: boolean): boolean {
  return value ?? fallback;
}

/** A preValidation hook giving body-optional routes `fallback` when the request had no body. */
export function defaultBody(fallback: () => unknown) {
  return async (request: { body: unknown }): Promise<void> => {
    if (request.body === undefined) request.body = fallback();
  };
}
