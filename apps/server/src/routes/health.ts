/**
 * Health and version: `/health`, `/api/health` (Conductor's shape) and `/api/version` (text/plain).
 * @module
 */
import { HealthSchema, TextResponse } from '@baton/contract';
import type { App } from './common.js';

/** Registers `/health` on the given instance (called at the root and under `/api`). */
export function healthRoute(app: App, check: () => Promise<boolean>): void {
  app.get(
    '/health',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['health'],
        summary: 'Server health',
        response: { 200: HealthSchema, 503: HealthSchema },
      },
    },
    async (_request, reply) => {
      const healthy = await check().catch(() => false);
      return reply
        .code(healthy ? 200 : 503)
        .send({ healthResults: [], suppressedHealthResults: [], healthy });
    },
  );
}

/** Registers `/version` (under `/api`). */
export function versionRoute(app: App, version: string): void {
  app.get(
    '/version',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['health'],
        summary: 'Server version (text/plain)',
        response: { 200: TextResponse },
      },
    },
    async (_request, reply) => reply.type('text/plain').send(version),
  );
}
