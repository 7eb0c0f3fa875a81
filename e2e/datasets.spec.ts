// The Datasets page on its own: a file dropped onto the page, problems with file and line,
// and a problem clicked to the row it is about.
import { expect, test } from '@playwright/test';

const url = (hash = '') => {
  const value = process.env.WORKBENCH_URL;
  if (!value) throw new Error('WORKBENCH_URL is not set; run through playwright.config.ts');
  return `${value}${hash}`;
};

test('a CSV dropped onto the page is imported; its errors name file and line and block training', async ({ page }) => {
  await page.goto(url('#/datasets'));
  const csv = 'text,label\ngood film,1\n,0\nbad film,0\n';
  const drop = await page.evaluateHandle((content) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([content], 'broken.csv', { type: 'text/csv' }));
    return transfer;
  }, csv);
  await page.getByTestId('file-drop').dispatchEvent('drop', { dataTransfer: drop });
  await expect(page.getByTestId('dataset-label')).toHaveText('broken.csv');
  await expect(page.getByTestId('report-invalid')).toBeVisible({ timeout: 30_000 });
  const error = page.getByTestId('problem-error').first();
  await expect(error).toContainText(/broken\.csv:3/);
  await expect(page.getByTestId('use-for-run')).toBeDisabled();
  await page.screenshot({ path: 'test-results/screens/datasets-problems.png', fullPage: true });
});

test('a problem whose row is in the preview opens that row', async ({ page }) => {
  await page.goto(url('#/datasets'));
  await page.getByTestId('pick-sample-wnut17').click();
  await expect(page.getByTestId('report-summary')).toBeVisible({ timeout: 30_000 });
  const clickable = page.getByTestId('problems').locator('button.problem-link').first();
  await expect(clickable).toBeVisible();
  await clickable.click();
  const focused = page.getByTestId('preview').locator('tr.row-focus');
  await expect(focused).toBeVisible();
  await expect(focused).toBeFocused();
});
