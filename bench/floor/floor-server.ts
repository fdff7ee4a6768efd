/**
 * Child-process entry of the floor measurement: a bare Fastify route, `POST /floor`, that makes one
 * Redis script call (EVALSHA of a script that returns 1) per request. Sends `{ type: 'ready',
 * port }` to the parent once listening; exits on SIGTERM.
 * @module
 */
import Fastify from 'fastify';
import { Redis } from 'ioredis';

const TRIVIAL_SCRIPT = 'return 1';

async function main(): Promise<void> {
  const redisUrl = process.env.REDIS_URL;
  if (!redisUrl) throw new Error('REDIS_URL is required');
  const redis = new Redis(redisUrl);
  const sha = (await redis.script('LOAD', TRIVIAL_SCRIPT)) as string;
  const app = Fastify({ logger: false });
  app.post('/floor', async () => {
    const result = await redis.evalsha(sha, 0);
    return { result };
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;
  process.send?.({ type: 'ready', port, pid: process.pid });
  process.once('SIGTERM', () => {
    void app
      .close()
      .then(() => redis.quit())
      .then(() => process.exit(0));
  });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
