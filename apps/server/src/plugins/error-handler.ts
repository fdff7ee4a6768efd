/**
 * Root error handling: one `setErrorHandler` mapping everything to Conductor's ErrorResponse, and a
 * JSON 404 for unknown routes. Installed on the root instance (not encapsulated).
 * @module
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { toErrorResponse } from '../errors/to-error-response.js';

/**
 * What of an unexpected error may be logged: its class, code, message and stack. Store errors
 * carry the request's data in other fields (a Postgres error's `where`, `detail`, `parameters`)
 * and must not copy workflow input or secrets into the log.
 */
export function loggableError(error: unknown): Record<string, unknown> {
  if (typeof error !== 'object' || error === null) return { message: String(error) };
  const e = error as { name?: unknown; code?: unknown; message?: unknown; stack?: unknown };
  return {
    type: typeof e.name === 'string' ? e.name : 'Error',
    ...(typeof e.code === 'string' ? { code: e.code } : {}),
    message: typeof e.message === 'string' ? e.message : '',
    ...(typeof e.stack === 'string' ? { stack: e.stack } : {}),
  };
}

/** The URL of a request with the value of any `apiKey` query parameter replaced, for logs. */
export function redactedUrl(url: string): string {
  return url.replace(/([?&]apikey=)[^&#]*/gi, '$1[redacted]');
}

/** Fastify's request log serializer, with the URL redacted. */
export function requestLogSerializer(request: FastifyRequest): Record<string, unknown> {
  return {
    method: request.method,
    url: redactedUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

/**
 * Fastify's own replies for URLs it cannot route (a malformed percent-encoding, a path
 * parameter longer than the router allows) in the ErrorResponse shape, without echoing the URL.
 */
export function frameworkErrorHandler(instance: string) {
  return (error: { code?: string }, request: FastifyRequest, reply: FastifyReply) => {
    const tooLong = error.code === 'FST_ERR_MAX_PARAM_LENGTH';
    const message = tooLong
      ? 'A path segment of the URL is longer than the server accepts'
      : error.code === 'FST_ERR_BAD_URL'
        ? 'The URL is not valid: a malformed percent-encoding'
        : 'The request cannot be routed';
    const body = {
      status: tooLong ? 414 : 400,
      code: tooLong ? 'URL_TOO_LONG' : 'REQUEST_INVALID',
      message,
      instance,
      retryable: false,
      validationErrors: [{ path: 'url', message }],
    };
    request.log.info({ code: body.code }, 'request rejected');
    return reply.code(body.status).type('application/json').send(body);
  };
}

/** Installs the error handler on `app` (the not-found handler is set by `buildApp`). */
export function installErrorHandling(app: FastifyInstance, instance: string): void {
  app.setErrorHandler((error, request, reply) => {
    const parts = { body: request.body, querystring: request.query, params: request.params };
    const { body, isServerFault, headers } = toErrorResponse(error, instance, parts);
    if (headers) void reply.headers(headers);
    if (isServerFault) request.log.error({ err: loggableError(error) }, 'request failed');
    else request.log.info({ code: body.code, message: body.message }, 'request rejected');
    return reply.code(body.status).type('application/json').send(body);
  });
}

/** Replies 404 ROUTE_NOT_FOUND in the ErrorResponse shape. */
export function sendRouteNotFound(request: FastifyRequest, reply: FastifyReply, instance: string) {
  return reply
    .code(404)
    .type('application/json')
    .send({
      status: 404,
      code: 'ROUTE_NOT_FOUND',
      message: `Route ${request.method}:${request.url.split('?')[0] ?? ''} not found`,
      instance,
      retryable: false,
      validationErrors: [],
    });
}
