/**
 * Playwright: the designer journeys in Chromium (`CHROMIUM_PATH`, else Playwright's own when
 * installed, else Debian's /usr/bin/chromium: see scripts/chromium-path.ts) against the BUILT
 * server (`npm run build` first), which serves apps/web/dist and the API on one free port, with
 * PGlite in a fresh temp dir.
 */
import { defineConfig, devices } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumPath } from './scripts/chromium-path.js';

/** Asks the OS for a free port (synchronously, as the config is evaluated synchronously). */
function freePort(): string {
  const script =
    "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close();});";
  return execFileSync(process.execPath, ['-e', script]).toString().trim();
}

// Workers re-evaluate this file: the environment carries the first evaluation's choices to them.
process.env.BATON_E2E_PORT ??= freePort();
process.env.BATON_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'baton-e2e-'));
const port = process.env.BATON_E2E_PORT;
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: './e2e',
  forbidOnly: !!process.env.CI,
  retries: process.env.CI ? 2 : 0,
  workers: process.env.CI ? 1 : undefined,
  reporter: process.env.CI ? 'dot' : 'list',
  timeout: 60_000,
  use: {
    baseURL,
    trace: 'on-first-retry',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1500, height: 950 },
        launchOptions: {
          executablePath: chromiumPath(),
          args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
  webServer: {
    command: `node ${process.env.BATON_E2E_SERVER ?? 'apps/server/dist/main.js'}`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    env: {
      PORT: port,
      HOST: '127.0.0.1',
      BATON_DATA_DIR: process.env.BATON_E2E_DATA_DIR,
      BATON_WEB_DIR: process.env.BATON_E2E_WEB_DIR ?? join(process.cwd(), 'apps/web/dist'),
    },
  },
});
