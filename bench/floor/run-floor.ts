/**
 * The machine's own limit: saturates the floor server (Fastify + one EVALSHA per request) with the
 * same load generator and connection count as the start burst.
 * @module
 */
import { benchFile, forkTs } from '../stack/fork-ts.js';
import { runHttpLoad } from '../load/autocannon-run.js';
import type { HttpLoadResult } from '../load/autocannon-run.js';

/** Result of the floor phase. */
export interface FloorResult {
  saturation: HttpLoadResult;
  bodyBytes: number;
}

/** Starts the floor server, loads it, stops it. */
export async function runFloor(
  redisUrl: string,
  options: { durationSec: number; connections: number; bodyBytes: number },
): Promise<FloorResult> {
  const server = await forkTs<{ port: number }>(benchFile('floor/floor-server.ts'), {
    REDIS_URL: redisUrl,
  });
  try {
    // Shaped like a task update so that body parsing costs the same.
    const body = JSON.stringify({
      taskId: 'x'.repeat(36),
      workflowInstanceId: 'y'.repeat(36),
      status: 'COMPLETED',
      outputData: { data: 'z'.repeat(options.bodyBytes) },
    });
    const url = `http://127.0.0.1:${server.ready.port}/floor`;
    await runHttpLoad({ url, method: 'POST', body, connections: 8, durationSec: 1 });
    const saturation = await runHttpLoad({
      url,
      method: 'POST',
      body,
      connections: options.connections,
      durationSec: options.durationSec,
    });
    return { saturation, bodyBytes: body.length };
  } finally {
    await server.stop();
  }
}
