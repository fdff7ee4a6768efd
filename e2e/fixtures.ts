/**
 * Shared e2e fixtures: `api`, a @baton/client against the server under test (for seeding and for
 * reading back what the UI stored), and `designer`, the designer page object.
 */
import { test as base, expect } from '@playwright/test';
import { BatonClient } from '@baton/client';
import { DesignerPage } from './pages/designer-page.js';

export const test = base.extend<{ api: BatonClient; designer: DesignerPage }>({
  api: async ({ baseURL }, use) => {
    await use(new BatonClient({ baseUrl: baseURL! }));
  },
  designer: async ({ page }, use) => {
    await use(new DesignerPage(page));
  },
});

export { expect };

/** A name no other test (or retry) uses. */
export function uniqueName(base: string): string {
  return `${base}_${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}
