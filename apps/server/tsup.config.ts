import { defineConfig } from 'tsup';

// Bundles the server into one ESM file, inlining the workspace packages (read from source through
// the @baton/source condition) and keeping npm dependencies external, so PGlite, QuickJS and jq
// load their wasm files from node_modules at run time.
export default defineConfig({
  entry: { main: 'src/main.ts' },
  format: ['esm'],
  target: 'node20',
  platform: 'node',
  outDir: 'dist',
  clean: true,
  sourcemap: true,
  dts: false,
  noExternal: [/^@baton\//],
  // Every other bare import (npm packages, also those of the inlined workspace packages) stays external.
  external: [/^(?!@baton\/)[^./]/],
  // The Redis store reads its Lua scripts from a folder next to the code: copy it beside main.js.
  async onSuccess() {
    const { cp } = await import('node:fs/promises');
    await cp('../../packages/stores/src/redis/lua', 'dist/lua', { recursive: true });
  },
  esbuildOptions(options) {
    options.conditions = ['@baton/source', 'import', 'node'];
  },
});
