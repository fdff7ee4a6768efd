import { defineConfig } from 'tsup';

// Builds the publishable package: ESM JavaScript plus bundled `.d.ts` in dist/. The engine's model
// types (imported type-only from the private @baton/engine) are inlined into the declarations so
// the tarball needs no workspace package; undici (the Node transport) stays a real dependency.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    worker: 'src/worker/index.ts',
    node: 'src/node/index.ts',
    cli: 'src/node/cli/main.ts',
  },
  format: ['esm'],
  target: 'es2022',
  platform: 'neutral',
  outDir: 'dist',
  clean: true,
  sourcemap: true,
  splitting: true,
  tsconfig: 'tsconfig.build.json',
  dts: {
    entry: { index: 'src/index.ts', worker: 'src/worker/index.ts', node: 'src/node/index.ts' },
    resolve: [/^@baton\//],
  },
  external: ['undici', /^node:/],
  esbuildOptions(options) {
    options.conditions = ['@baton/source', 'import'];
  },
});
