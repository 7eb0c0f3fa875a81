// A run's controls: a reload while it trains keeps its history, cancel stops it, and
// resume carries on from the last checkpoint to the end.
import { expect, test } from '@playwright/test';

const url = (hash = '') => {
  const value = process.env.WORKBENCH_URL;
  if (!value) throw new Error('WORKBENCH_URL is not set; run through playwright.config.ts');
  return `${value}${hash}`;
};

test('reload mid-run, cancel, resume to completion', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto(url());
  await page.getByTestId('nav-new-run').click();
  await page.getByTestId('step-data').click();
  await page.getByTestId('data-sample-sst2').click();
  await page.getByTestId('step-model').click();
  await page.getByTestId('model-bert-tiny').click();
  await page.getByTestId('step-training').click();
  await page.getByTestId('setting-max_steps').fill('60');
  await page.getByTestId('setting-batch_size').fill('8');
  await page.getByTestId('advanced').locator('summary').click();
  await page.getByTestId('setting-save_steps').fill('5');
  await page.getByTestId('setting-eval_steps').fill('30');
  await page.getByTestId('step-review').click();
  await page.getByTestId('run-name').fill('cancel and resume');
  await page.getByTestId('create-run').click();
  await page.waitForURL(/#\/runs\/[^/]+$/);

  const points = async () => Number((await page.getByTestId('loss-chart').getAttribute('data-points')) ?? 0);
  await expect.poll(points, { timeout: 120_000 }).toBeGreaterThanOrEqual(6);
  await page.reload();
  await expect(page.getByTestId('run-name')).toHaveText('cancel and resume');
  await expect.poll(points).toBeGreaterThanOrEqual(6);
  await expect(page.getByTestId('eta')).toBeVisible();

  await page.getByTestId('cancel-run').click();
  await expect(page.getByTestId('run-status')).toHaveText(/cancelled|interrupted/, { timeout: 60_000 });
  await expect(page.getByTestId('resume-run')).toBeVisible();
  await page.screenshot({ path: 'test-results/screens/run-cancelled.png', fullPage: true });
  await page.getByTestId('resume-run').click();
  await expect(page.getByTestId('run-status')).toHaveText('completed', { timeout: 240_000 });
  await expect.poll(points).toBeGreaterThanOrEqual(60);
});
