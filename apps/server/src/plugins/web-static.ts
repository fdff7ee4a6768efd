/**
 * Serves the built web app (apps/web/dist) at `/`, with an SPA fallback: any GET that is not under
 * `/api` and has no file gets `index.html`, so `/workflows/...` deep links work.
 * @module
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/** True when `dir` holds a built web app. */
export function hasWebApp(dir: string | null | undefined): dir is string {
  return typeof dir === 'string' && existsSync(join(dir, 'index.html'));
}

/** Registers static serving of `dir` and the SPA fallback for non-API GETs. */
export async function registerWebStatic(
  app: FastifyInstance,
  dir: string,
  notFound: (request: FastifyRequest, reply: FastifyReply) => unknown,
): Promise<void> {
  await app.register(fastifyStatic, { root: dir, wildcard: false, index: 'index.html' });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    const isApi =
      path === '/api' || path.startsWith('/api/') || path === '/metrics' || path === '/health';
    if (request.method === 'GET' && !isApi) return reply.sendFile('index.html');
    return notFound(request, reply);
  });
}
