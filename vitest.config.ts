import { defineConfig } from 'vitest/config';

/** Workload tests that start several servers with their own Redis/Postgres (see `load` below). */
const LOAD_TESTS = [
  'apps/server/test/multi-server.int.test.ts',
  'apps/server/test/multi-process.int.test.ts',
  'apps/server/test/redis-cluster.int.test.ts',
  'apps/server/test/redis-restart.int.test.ts',
  'apps/server/test/redis-server-crash.int.test.ts',
];

export default defineConfig({
  resolve: { conditions: ['@baton/source'] },
  ssr: { resolve: { conditions: ['@baton/source'] } },
  test: {
    globals: false,
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'node',
          include: [
            'packages/*/src/**/*.test.ts',
            'apps/server/src/**/*.test.ts',
            'scripts/**/*.test.ts',
            'bench/**/*.test.ts',
          ],
        },
      },
      {
        extends: true,
        test: {
          name: 'web',
          environment: 'jsdom',
          include: ['apps/web/src/**/*.test.{ts,tsx}'],
        },
      },
      {
        extends: true,
        test: {
          name: 'int',
          environment: 'node',
          include: ['packages/*/test/**/*.int.test.ts', 'apps/*/test/**/*.int.test.ts'],
          exclude: LOAD_TESTS,
          globalSetup: ['scripts/test-services.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
      {
        extends: true,
        test: {
          // Multi-process workloads that each saturate the machine: run one file at a time.
          name: 'load',
          environment: 'node',
          include: LOAD_TESTS,
          fileParallelism: false,
          testTimeout: 600_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
