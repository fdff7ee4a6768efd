/**
 * The Chromium that browser tests and browser scripts launch: `CHROMIUM_PATH` when set, else
 * Playwright's own Chromium when one is installed (`npx playwright install chromium`), else
 * Debian/Ubuntu's `/usr/bin/chromium`. Undefined when none exists, so Playwright reports it.
 * @module
 */
import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

/** Debian's (and Ubuntu's, with the `chromium` package) system Chromium. */
export const SYSTEM_CHROMIUM = '/usr/bin/chromium';

/** Picks the Chromium executable; `env` and `exists` are parameters for the tests. */
export function chromiumPath(
  env: Record<string, string | undefined> = process.env,
  exists: (path: string) => boolean = existsSync,
  playwrightChromium: () => string = () => chromium.executablePath(),
): string | undefined {
  const asked = env['CHROMIUM_PATH']?.trim();
  if (asked) {
    if (!exists(asked)) throw new Error(`CHROMIUM_PATH: no file at ${asked}`);
    return asked;
  }
  let bundled: string | undefined;
  try {
    bundled = playwrightChromium();
  } catch {
    bundled = undefined;
  }
  if (bundled && exists(bundled)) return bundled;
  return exists(SYSTEM_CHROMIUM) ? SYSTEM_CHROMIUM : undefined;
}
