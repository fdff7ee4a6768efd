import { defaultClientConditions, defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Vite config of the designer: workspace packages resolve to source, `/api` goes to the dev server. */
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['@baton/source', ...defaultClientConditions] },
  server: {
    port: 5173,
    fs: { allow: [repoRoot] },
    proxy: { '/api': { target: 'http://localhost:8080', changeOrigin: true } },
  },
  worker: { format: 'es' },
  build: { outDir: 'dist', chunkSizeWarningLimit: 6000, sourcemap: false },
});
