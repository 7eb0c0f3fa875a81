// What every journey needs: the browser-mode address (with its token), screenshots of
// each page, and filling a New run setting.
import { expect, type Page } from '@playwright/test';

export const url = (hash = '') => {
  const value = process.env.WORKBENCH_URL;
  if (!value) throw new Error('WORKBENCH_URL is not set; run through playwright.config.ts');
  return `${value}${hash}`;
};

export async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

export async function setSetting(page: Page, name: string, value: string): Promise<void> {
  const field = page.getByTestId(`setting-${name}`);
  await field.fill(value);
  await expect(field).toHaveValue(value);
}
