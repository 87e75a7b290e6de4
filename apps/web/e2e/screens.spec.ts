import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectNoSeriousViolations, SCREENSHOT_DIRECTORY, signIn } from './console-fixtures';

const SCREENS = [
  { name: 'overview', path: '/', heading: 'Overview' },
  { name: 'create', path: '/create', heading: 'Create machines' },
  { name: 'requests', path: '/requests', heading: 'Requests' },
  { name: 'machines', path: '/machines', heading: 'Machines' },
  { name: 'templates', path: '/templates', heading: 'Templates' },
  { name: 'template', path: '/templates/web-server', heading: 'Template web-server' },
  { name: 'providers', path: '/providers', heading: 'Providers' },
  { name: 'catalog', path: '/catalog', heading: 'Catalog' },
  { name: 'events', path: '/events', heading: 'Events' },
] as const;

const WIDTHS = [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
] as const;

mkdirSync(SCREENSHOT_DIRECTORY, { recursive: true });

for (const viewport of WIDTHS) {
  test.describe(`at ${viewport.width} px`, () => {
    test.use({ viewport });

    test('sign-in screen: accessible, screenshot', async ({ page }) => {
      await page.goto('/');
      await expect(page.getByLabel('API key')).toBeVisible();
      await expectNoSeriousViolations(page, 'sign-in');
      await page.screenshot({ path: `${SCREENSHOT_DIRECTORY}/sign-in-${viewport.width}.png`, fullPage: true });
    });

    test('every screen: loaded, accessible, no horizontal page scroll, screenshot', async ({ page }) => {
      await signIn(page, 'admin');
      for (const screen of SCREENS) {
        await page.goto(screen.path);
        await expect(page.getByRole('heading', { level: 1, name: screen.heading })).toBeVisible();
        await expect(page.getByRole('status').filter({ hasText: /^Loading/ })).toHaveCount(0);
        await expectNoSeriousViolations(page, screen.name);
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${screen.name} scrolls sideways at ${viewport.width} px`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: `${SCREENSHOT_DIRECTORY}/${screen.name}-${viewport.width}.png`, fullPage: true });
      }
    });
  });
}
