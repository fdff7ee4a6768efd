/**
 * OpenAPI from the route schemas (@fastify/swagger, dynamic mode) at `/api/openapi.json`, and the
 * browsable docs (@fastify/swagger-ui) at `/api/docs`. Must be registered before the routes.
 * @module
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

/** Registers swagger (collecting routes) and the UI. */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Baton API',
        description: 'Netflix Conductor-compatible REST API of the Baton workflow engine',
        version,
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          xAuthorization: { type: 'apiKey', in: 'header', name: 'X-Authorization' },
        },
      },
    },
    refResolver: {
      buildLocalReference: (json, _baseUri, _fragment, i) =>
        typeof json.$id === 'string' ? json.$id : `def-${i}`,
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get(
    '/api/openapi.json',
    { config: { permission: 'public' }, schema: { hide: true } },
    async () => app.swagger(),
  );
}
