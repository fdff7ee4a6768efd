import { describe, expect, it } from 'vitest';
import { chromiumPath, SYSTEM_CHROMIUM } from './chromium-path.js';

const files =
  (...paths: string[]) =>
  (p: string) =>
    paths.includes(p);
const bundled = () => '/home/dev/.cache/ms-playwright/chromium-1/chrome';

describe('chromiumPath', () => {
  it('takes CHROMIUM_PATH first, and names it when the file is missing', () => {
    const env = { CHROMIUM_PATH: '/opt/chrome' };
    expect(chromiumPath(env, files('/opt/chrome', SYSTEM_CHROMIUM), bundled)).toBe('/opt/chrome');
    expect(() => chromiumPath(env, files(SYSTEM_CHROMIUM), bundled)).toThrow(
      /CHROMIUM_PATH: no file at \/opt\/chrome/,
    );
  });

  it("then Playwright's installed Chromium, then the system one", () => {
    expect(chromiumPath({}, files(bundled(), SYSTEM_CHROMIUM), bundled)).toBe(bundled());
    expect(chromiumPath({}, files(SYSTEM_CHROMIUM), bundled)).toBe(SYSTEM_CHROMIUM);
    const throws = () => {
      throw new Error('no browsers');
    };
    expect(chromiumPath({ CHROMIUM_PATH: ' ' }, files(SYSTEM_CHROMIUM), throws)).toBe(
      SYSTEM_CHROMIUM,
    );
    expect(chromiumPath({}, files(), bundled)).toBeUndefined();
  });
});
