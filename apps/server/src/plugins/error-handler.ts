/**
 * Root error handling: one `setErrorHandler` mapping everything to Conductor's ErrorResponse, and a
 * JSON 404 for unknown routes. Installed on the root instance (not encapsulated).
 * @module
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { toErrorResponse } from '../errors/to-error-response.js';

/** Installs the error handler on `app` (the not-found handler is set by `buildApp`). */
export function installErrorHandling(app: FastifyInstance, instance: string): void {
  app.setErrorHandler((error, request, reply) => {
    const parts = { body: request.body, querystring: request.query, params: request.params };
    const { body, isServerFault } = toErrorResponse(error, instance, parts);
    if (isServerFault) request.log.error({ err: error }, 'request failed');
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
