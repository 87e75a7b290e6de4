import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { E2E_KEYS } from './e2e-settings.mjs';

export const SCREENSHOT_DIRECTORY = 'test-results/screenshots';

/** Signs in through the form, as a person would. */
export async function signIn(page: Page, scope: keyof typeof E2E_KEYS): Promise<void> {
  await page.goto('/');
  await page.getByLabel('API key').fill(E2E_KEYS[scope]);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
}

/** Fails on any serious or critical accessibility violation axe finds on the page as it is. */
export async function expectNoSeriousViolations(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(
    serious.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`),
    `accessibility violations on ${screen}`,
  ).toEqual([]);
}
