/**
 * Health and version: `/health`, `/api/health` (Conductor's shape), the orchestrator probes
 * `/health/live` (the process answers) and `/health/ready` (every store in use answers), and
 * `/api/version` (text/plain).
 * @module
 */
import { Type } from '@sinclair/typebox';
import { HealthSchema, TextResponse } from '@baton/contract';
import type { App } from './common.js';

/** One store probe: `name` says which store, `run` rejects when it does not answer. */
export interface ReadinessProbe {
  name: string;
  run(): Promise<unknown>;
}

/** What `/health/ready` reports per probe. */
export interface ProbeResult {
  name: string;
  healthy: boolean;
  /**
   * Why not, as a code (`TIMEOUT`, `STORE_UNAVAILABLE`, `ECONNREFUSED`, ...): the endpoint is
   * public, so it names no address or message.
   */
  error?: string;
  /** The full message, for the server's log only (not sent). */
  detail?: string;
  durationMs: number;
}

class ProbeTimeout extends Error {}

/** A short, address-free code for a failed probe. */
function errorKind(e: unknown): string {
  if (e instanceof ProbeTimeout) return 'TIMEOUT';
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]{1,40}$/.test(code) ? code : 'ERROR';
}

/** A probe that has not answered after this long counts as failed. */
export const PROBE_TIMEOUT_MS = 2_000;

/** Runs every probe at once, each limited to `timeoutMs`. Never rejects. */
export async function runProbes(
  probes: readonly ReadinessProbe[],
  timeoutMs = PROBE_TIMEOUT_MS,
): Promise<ProbeResult[]> {
  return Promise.all(
    probes.map(async ({ name, run }) => {
      const began = performance.now();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      try {
        await Promise.race([run(), timeout]);
        return { name, healthy: true, durationMs: Math.round(performance.now() - began) };
      } catch (e) {
        return {
          name,
          healthy: false,
          error: errorKind(e),
          detail: e instanceof Error ? e.message : String(e),
          durationMs: Math.round(performance.now() - began),
        };
      } finally {
        clearTimeout(timer);
      }
    }),
  );
}

const ProbeResultSchema = Type.Object({
  name: Type.String(),
  healthy: Type.Boolean(),
  error: Type.Optional(Type.String()),
  durationMs: Type.Number(),
});
const ReadySchema = Type.Object({
  ready: Type.Boolean(),
  checks: Type.Array(ProbeResultSchema),
});

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

/**
 * Registers `/health/live` (200 while the process answers requests; it touches no store, so a
 * store outage never gets the process restarted) and `/health/ready` (200 when every probe
 * answers within {@link PROBE_TIMEOUT_MS}, else 503 naming the failing store).
 */
export function probeRoutes(app: App, probes: readonly ReadinessProbe[]): void {
  // The schema below drops `detail` from the answer; it goes to the log.
  app.get(
    '/health/live',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['health'],
        summary: 'Liveness: the process answers (no store is touched)',
        response: { 200: Type.Object({ live: Type.Boolean() }) },
      },
    },
    async () => ({ live: true }),
  );
  app.get(
    '/health/ready',
    {
      config: { permission: 'public' },
      schema: {
        tags: ['health'],
        summary: 'Readiness: every store in use (Redis, Postgres) answers',
        response: { 200: ReadySchema, 503: ReadySchema },
      },
    },
    async (request, reply) => {
      const checks = await runProbes(probes);
      const ready = checks.every((c) => c.healthy);
      for (const c of checks) {
        if (!c.healthy)
          request.log.warn({ probe: c.name, err: c.detail }, 'readiness probe failed');
      }
      return reply.code(ready ? 200 : 503).send({ ready, checks });
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
