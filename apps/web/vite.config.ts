import { defaultClientConditions, defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Opening the app on a designer URL (`/workflows/<anything>`) needs the designer's chunks, which
 * the router only asks for once the entry chunk has run. This adds a small inline script to
 * index.html that, on those URLs only, preloads them (and their CSS) alongside the entry chunk, so
 * they download and compile while the entry chunk does.
 */
function preloadDesignerOnDesignerUrls(): Plugin {
  let base = '/';
  return {
    name: 'baton:preload-designer',
    apply: 'build',
    configResolved(config) {
      base = config.base;
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const bundle = ctx.bundle;
        if (!bundle) return;
        const chunks = Object.values(bundle).flatMap((c) => (c.type === 'chunk' ? [c] : []));
        const designer = chunks.find((c) =>
          c.moduleIds.some((id) => id.endsWith('/designer/pages/DesignerPage.tsx')),
        );
        if (!designer) throw new Error('preload-designer: no chunk holds DesignerPage.tsx');
        const byName = new Map(chunks.map((c) => [c.fileName, c]));
        const js = new Set<string>();
        const css = new Set<string>();
        const visit = (fileName: string) => {
          const chunk = byName.get(fileName);
          if (!chunk || chunk.isEntry || js.has(fileName)) return;
          js.add(fileName);
          chunk.viteMetadata?.importedCss.forEach((f) => css.add(f));
          chunk.imports.forEach(visit);
        };
        visit(designer.fileName);
        const links = [
          ...[...js].map((f) => ['modulepreload', base + f]),
          ...[...css].map((f) => ['stylesheet', base + f]),
        ];
        return [
          {
            tag: 'script',
            injectTo: 'head-prepend',
            children:
              `if (/^${base.replace(/\//g, '\\/')}workflows\\/./.test(location.pathname))` +
              `for (const [rel, href] of ${JSON.stringify(links)}) {` +
              `const l = document.createElement('link'); l.rel = rel; l.href = href;` +
              ` document.head.appendChild(l); }`,
          },
        ];
      },
    },
  };
}

/** Vite config of the designer: workspace packages resolve to source, `/api` goes to the dev server. */
export default defineConfig({
  plugins: [react(), preloadDesignerOnDesignerUrls()],
  resolve: { conditions: ['@baton/source', ...defaultClientConditions] },
  server: {
    port: 5173,
    fs: { allow: [repoRoot] },
    proxy: { '/api': { target: 'http://localhost:8080', changeOrigin: true } },
  },
  worker: { format: 'es' },
  build: { outDir: 'dist', chunkSizeWarningLimit: 6000, sourcemap: false },
});
