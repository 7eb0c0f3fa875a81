import { expect, test } from '@playwright/test';
import { BACKEND_NAMES } from '../core/backend/select';

const url = () => {
  const value = process.env.WORKBENCH_URL;
  if (!value) throw new Error('WORKBENCH_URL is not set; run through playwright.config.ts');
  return value;
};

test('the first screen shows the backend, the presets and the samples from the service', async ({ page }) => {
  await page.goto(url());
  const backend = page.getByTestId('backend-name');
  await expect(backend).toHaveText(new RegExp(`^(${BACKEND_NAMES.join('|')})$`));
  await expect(page.getByTestId('backend-detail')).toHaveText(await backend.innerText());

  const base = page.getByTestId('preset-bert-base');
  await expect(base).toContainText('12');
  await expect(base.locator('td[title="109,482,240"]')).toBeVisible();
  await expect(page.getByTestId('preset-bert-large').locator('td[title="335,141,888"]')).toBeVisible();

  await expect(page.getByTestId('samples').locator('li')).not.toHaveCount(0);
  await page.screenshot({ path: 'test-results/screens/overview.png', fullPage: true });
});

test('without the access token the page says how to get in, and reaches nothing', async ({ page }) => {
  const tokenless = new URL(url());
  tokenless.search = '';
  await page.goto(tokenless.toString());
  await expect(page.getByRole('alert')).toContainText('access token');
  await expect(page.getByTestId('backend-name')).toHaveCount(0);
});
