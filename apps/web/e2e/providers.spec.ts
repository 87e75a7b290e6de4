import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { expectNoSeriousViolations, SCREENSHOT_DIRECTORY, signIn } from './console-fixtures';
import { E2E_KEYS } from './e2e-settings.mjs';

/** The card of one provider instance on the Providers screen. */
const cardOf = (page: Page, name: string) => page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name: new RegExp(`^${name} `) }) });

/**
 * A request run to the end, so instances have activity to chart: on `instance`, or, naming
 * none, first on memory-full (out of capacity), then failed over.
 */
async function runRequest(request: APIRequestContext, instance?: string): Promise<void> {
  const created = await request.post('/api/v1/requests', {
    headers: { authorization: `Bearer ${E2E_KEYS.write}` },
    data: { templateId: 'web-server', maxNumber: 2, ...(instance === undefined ? {} : { providerPreference: { instance } }) },
  });
  expect(created.status()).toBe(202);
  const requestId = ((await created.json()) as { request: { requestId: string } }).request.requestId;
  await expect
    .poll(
      async () => {
        const answer = await request.get(`/api/v1/requests/${requestId}`, { headers: { authorization: `Bearer ${E2E_KEYS.read}` } });
        return ((await answer.json()) as { request: { status: string } }).request.status;
      },
      { timeout: 30_000 },
    )
    .toBe('complete');
}

test('an admin registers a provider instance, its credentials never shown back', async ({ page }) => {
  await signIn(page, 'admin');
  await page.goto('/providers');
  const form = page.getByRole('region', { name: 'Register a provider instance' });
  await form.getByLabel('Provider type').selectOption('linode');
  await form.getByLabel('Name').fill('linode-console');
  const token = form.getByLabel('API token');
  await expect(token).toHaveAttribute('type', 'password');
  await token.fill('e2e-linode-secret-token');
  await form.getByLabel('Capabilities').fill('Linode');
  await form.getByLabel('Enabled at once').uncheck();
  await form.getByRole('button', { name: 'Register' }).click();
  await expect(form.getByRole('status')).toHaveText('Registered linode-console.');
  await expect(token).toHaveValue('');

  const card = cardOf(page, 'linode-console');
  await expect(card).toBeVisible();
  await expect(card.getByRole('heading', { level: 2 })).toContainText('disabled');
  await expect(card).toContainText('Declares: Linode');
  // Nowhere on the page, nor in what the API answers for the instance.
  await expect(page.locator('body')).not.toContainText('e2e-linode-secret-token');
  const detail = await page.request.get('/api/v1/providers/linode-console', { headers: { authorization: `Bearer ${E2E_KEYS.admin}` } });
  expect(await detail.text()).not.toContain('e2e-linode-secret-token');

  // A name the API refuses is said before any call.
  await form.getByLabel('Name').fill('not a name');
  await form.getByRole('button', { name: 'Register' }).click();
  await expect(form.getByRole('alert')).toContainText('letters, digits');
});

test('an admin disables a registered instance, then enables it again', async ({ page }) => {
  await signIn(page, 'admin');
  await page.goto('/providers');
  const form = page.getByRole('region', { name: 'Register a provider instance' });
  await form.getByLabel('Provider type').selectOption('memory');
  await form.getByLabel('Name').fill('memory-console');
  await form.getByRole('button', { name: 'Register' }).click();
  await expect(form.getByRole('status')).toHaveText('Registered memory-console.');

  const card = cardOf(page, 'memory-console');
  await expect(card.getByRole('heading', { level: 2 })).not.toContainText('disabled');
  await card.getByRole('button', { name: 'Disable memory-console' }).click();
  await expect(card.getByRole('heading', { level: 2 })).toContainText('disabled');
  await expect(card.getByRole('button', { name: 'Enable memory-console' })).toBeVisible();
  // Selection sees it too: the API lists it disabled.
  const listed = await page.request.get('/api/v1/providers', { headers: { authorization: `Bearer ${E2E_KEYS.read}` } });
  expect(((await listed.json()) as { providers: { name: string; enabled: boolean }[] }).providers.find((provider) => provider.name === 'memory-console')?.enabled).toBe(false);

  await card.getByRole('button', { name: 'Enable memory-console' }).click();
  await expect(card.getByRole('heading', { level: 2 })).not.toContainText('disabled');
  await expect(card.getByRole('button', { name: 'Disable memory-console' })).toBeVisible();
  // Configuration-file instances are changed in the file: no button, a hint instead.
  await expect(cardOf(page, 'memory-fast').getByRole('button', { name: /^(Enable|Disable) / })).toHaveCount(0);
  await expect(cardOf(page, 'memory-fast')).toContainText('Set in the configuration file');
});

test('the activity of the last 24 hours is charted after a request ran, with its figures in a table', async ({ page, request }) => {
  await runRequest(request, 'memory-fast');
  await runRequest(request);
  await signIn(page, 'admin');
  await page.goto('/providers');
  const card = cardOf(page, 'memory-fast');
  const attempts = card.getByRole('img', { name: /^Attempts per hour, memory-fast/ });
  await expect(attempts).toBeVisible();
  // The text alternative says the counts; bars are drawn for them.
  await expect(attempts).toHaveAccessibleName(/[1-9]\d* attempts in 24 hours/);
  expect(await attempts.locator('rect').count()).toBeGreaterThan(0);
  const machines = card.getByRole('img', { name: /^Machines launched per hour, memory-fast/ });
  await expect(machines).toHaveAccessibleName(/([2-9]|\d\d+) machines launched in 24 hours/);
  await expect(card.getByText(/^Last 24 hours: [1-9]\d* attempts/)).toBeVisible();
  await expect(card.getByRole('img', { name: /^Mean attempt time per hour \(seconds\), memory-fast/ })).toHaveAccessibleName(/Mean attempt time over 24 hours: \d+(\.\d)? s/);

  await card.getByText('Hourly figures as a table').click();
  const table = card.getByRole('table', { name: /Provisioning activity of memory-fast per hour/ });
  await expect(table.getByRole('row')).toHaveCount(25);
  const machineCounts = await table.getByRole('row').locator('td:nth-of-type(4)').allTextContents();
  expect(machineCounts.map(Number).reduce((sum, count) => sum + count, 0)).toBeGreaterThanOrEqual(2);

  // memory-full is out of capacity: every attempt it got failed, and the chart says so in words.
  const failed = cardOf(page, 'memory-full').getByRole('img', { name: /^Attempts per hour, memory-full/ });
  const name = (await failed.getAttribute('aria-labelledby'))?.split(' ') ?? [];
  const words = (await Promise.all(name.map((id) => page.locator(`[id="${id}"]`).textContent()))).join(' ');
  const [, attemptsThere, failedThere] = /(\d+) attempts in 24 hours, (\d+) failed/.exec(words) ?? [];
  expect(Number(attemptsThere)).toBeGreaterThanOrEqual(1);
  expect(failedThere).toBe(attemptsThere);

  await expectNoSeriousViolations(page, 'providers with activity');
  for (const viewport of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(viewport);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, `the Providers screen scrolls sideways at ${viewport.width} px`).toBeLessThanOrEqual(0);
    await expectNoSeriousViolations(page, `providers at ${viewport.width} px`);
    await page.screenshot({ path: `${SCREENSHOT_DIRECTORY}/providers-activity-${viewport.width}.png`, fullPage: true });
  }
});

test('a viewer sees the instances and their activity but no register, enable or disable button', async ({ page }) => {
  await signIn(page, 'read');
  await page.goto('/providers');
  await expect(cardOf(page, 'memory-fast').getByRole('img', { name: /^Attempts per hour, memory-fast/ })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Register a provider instance' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^(Register|Enable|Disable)/ })).toHaveCount(0);
  await expect(page.getByText('Set in the configuration file')).toHaveCount(0);
});
