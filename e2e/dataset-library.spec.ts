// Your own data, as a new user brings it (issue #19), at 1,024 × 768: a CSV whose columns
// no data set names (review_body, stars_sentiment) is imported, its columns mapped, its
// labels renamed, a run trained on it, and the playground speaks the label names; the data
// set stays in the library under its own name across reloads, and renames and deletes.
// Screenshots go to test-results/screens/.
import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { chooseTinyRun } from './tiny-run';

const url = (hash = '') => {
  const value = process.env.WORKBENCH_URL;
  if (!value) throw new Error('WORKBENCH_URL is not set; run through playwright.config.ts');
  return `${value}${hash}`;
};

const REVIEWS = path.resolve('datasets/testdata/valid/reviews.csv');
const TRAINING = 240_000;
const WIDTH = 1024;

test.use({ viewport: { width: WIDTH, height: 768 } });
test.describe.configure({ mode: 'serial' });

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

/** No page may be wider than the window: long names from people's files must wrap. */
async function expectNoOverflow(page: Page, what: string): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${what} is ${width} px wide at a ${WIDTH} px viewport`).toBeLessThanOrEqual(WIDTH);
}

function libraryRow(page: Page, name: string) {
  return page.getByTestId('imported-files').locator('li', { hasText: name });
}

test('review_body,stars_sentiment: import, map the columns, rename the labels, train, and the playground names them', async ({ page }) => {
  test.setTimeout(TRAINING + 120_000);
  await page.goto(url('#/datasets'));
  await page.getByTestId('file-input').setInputFiles(REVIEWS);
  await expect(page.getByTestId('dataset-label')).toHaveText('reviews.csv');
  await expect(page.getByTestId('report-valid')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('report-summary')).not.toContainText(/\d{4}-\d{2}-\d{2}-[0-9a-f]{6}/); // no internal names

  // The guess is shown as a guess; choosing the columns makes them the data set's own.
  const mapping = page.getByTestId('column-mapping');
  await expect(page.getByTestId('column-text')).toHaveValue('review_body');
  await expect(page.getByTestId('column-label')).toHaveValue('stars_sentiment');
  await expect(mapping.getByText('guessed')).toHaveCount(2);
  await page.getByTestId('column-text').selectOption('review_body');
  await page.getByTestId('column-label').selectOption('stars_sentiment');
  await expect(mapping.getByText('guessed')).toHaveCount(0);
  await expect(page.getByTestId('split-totals')).toHaveText('2 labels, 144 examples'); // 16 of 160 held out for validation
  await expect(page.getByTestId('label-counts')).toContainText('positive');
  await expect(page.getByTestId('preview-row-0')).toBeVisible();
  await expectNoOverflow(page, 'the Datasets page');
  await shot(page, 'library-datasets');

  // New run: the data step renames the labels; the preview follows.
  await page.getByTestId('use-for-run').click();
  await expect(page).toHaveURL(/#\/new$/);
  await page.getByTestId('step-data').click();
  await expect(page.getByTestId('data-name')).toHaveText('reviews.csv');
  await expect(page.getByTestId('label-names')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('label-name-0').fill('Negative');
  await page.getByTestId('label-name-0').press('Enter');
  await expect(page.getByTestId('label-names').locator('tbody tr').first()).toContainText('negative');
  await expect(page.getByTestId('label-name-0')).toHaveValue('Negative', { timeout: 30_000 });
  await page.getByTestId('label-name-1').fill('Positive');
  await page.getByTestId('label-name-1').press('Enter');
  await expect(page.getByTestId('report-summary')).toContainText('Negative, Positive', { timeout: 30_000 });
  await page.getByTestId('data-preview').locator('..').locator('summary').click();
  await expect(page.getByTestId('data-preview')).toContainText('Negative');
  await expectNoOverflow(page, 'the New run data step');
  await shot(page, 'library-new-run-data');

  await chooseTinyRun(page);
  await page.getByTestId('step-review').click();
  await expect(page.getByTestId('data-name')).toHaveText('reviews.csv');
  await page.getByTestId('show-config').click();
  const config = page.getByTestId('config-json');
  await expect(config).toContainText('"columns"');
  await expect(config).toContainText('"label": "stars_sentiment"');
  await expect(config).toContainText('"negative": "Negative"');
  await expectNoOverflow(page, 'the Review step');
  await shot(page, 'library-new-run-review');
  await page.getByTestId('create-run').click();
  await page.waitForURL(/#\/runs\/[^/]+$/);
  await expect(page.getByTestId('run-view').getByTestId('data-name')).toHaveText('reviews.csv');
  await expect(page.getByTestId('run-status')).toHaveText('completed', { timeout: TRAINING });
  await expectNoOverflow(page, 'the run page');
  await shot(page, 'library-run');

  await page.getByTestId('try-run').click();
  await page.getByTestId('input-text').fill('a gripping , beautifully acted film');
  await page.getByTestId('predict').click();
  await expect(page.getByTestId('prob-bar')).toHaveCount(2, { timeout: 60_000 });
  await expect(page.getByTestId('predicted-label')).toHaveText(/^(Negative|Positive)$/);
  await expect(page.getByTestId('class-result')).toContainText('Negative');
  await expect(page.getByTestId('class-result')).toContainText('Positive');
  // The run's own examples, read with its column mapping.
  await page.getByTestId('fill-example').click();
  await expect(page.getByTestId('input-text')).not.toHaveValue('a gripping , beautifully acted film', { timeout: 30_000 });
  await expect(page.getByTestId('input-text')).not.toHaveValue('');
  await expectNoOverflow(page, 'the playground');
  await shot(page, 'library-playground');
});

test('the library keeps the data set under its own name across reloads; the same file again is the same data set; rename and delete', async ({ page }) => {
  await page.goto(url('#/datasets'));
  await expect(libraryRow(page, 'reviews.csv')).toHaveCount(1);
  await libraryRow(page, 'reviews.csv').getByRole('button', { name: 'reviews.csv' }).click();
  // Remembered: the columns as chosen (no longer guessed), the label names as given.
  await expect(page.getByTestId('report-valid')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('column-mapping').getByText('guessed')).toHaveCount(0);
  await expect(page.getByTestId('report-summary')).toContainText('Negative, Positive');

  const datasets = await page.getByTestId('imported-files').locator('li').count();
  await page.getByTestId('file-input').setInputFiles(REVIEWS);
  await expect(page.getByTestId('import-note')).toContainText('already in your data sets');
  await expect(page.getByTestId('imported-files').locator('li')).toHaveCount(datasets);

  // Held by its id: while it is renamed, the row shows an input instead of the name.
  const row = page.getByTestId((await libraryRow(page, 'reviews.csv').getAttribute('data-testid'))!);
  await row.getByRole('button', { name: 'Rename' }).click();
  await row.getByRole('textbox').fill('Movie reviews (SST-2)');
  await row.getByRole('button', { name: 'Save' }).click();
  await expect(libraryRow(page, 'Movie reviews (SST-2)')).toContainText('file reviews.csv');
  await page.reload();
  await expect(libraryRow(page, 'Movie reviews (SST-2)')).toHaveCount(1);
  await expectNoOverflow(page, 'the Datasets page with its library');
  await shot(page, 'library-renamed');

  const renamed = libraryRow(page, 'Movie reviews (SST-2)');
  await renamed.getByRole('button', { name: 'Delete' }).click();
  await renamed.getByRole('button', { name: 'Delete' }).click(); // the confirmation
  await expect(libraryRow(page, 'Movie reviews (SST-2)')).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('imported-files').or(page.getByText('No data sets yet'))).toBeVisible();
  await expect(libraryRow(page, 'Movie reviews (SST-2)')).toHaveCount(0);
});

test('a file whose columns cannot be guessed: the error says so, and choosing them makes it valid', async ({ page }) => {
  await page.goto(url('#/datasets'));
  const csv = 'sms,spam\nare we still on for lunch,0\nWIN a free cruise now,1\nsee you at 5,0\nclaim your prize today,1\n';
  await page.getByTestId('file-input').setInputFiles({ name: 'sms.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(page.getByTestId('report-invalid')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('problem-error').first()).toContainText('sms.csv:1');
  await expect(page.getByTestId('problem-error').first()).toContainText('no text column');
  await page.getByTestId('column-text').selectOption('sms');
  await expect(page.getByTestId('problem-error').first()).toContainText('no label column', { timeout: 30_000 });
  await page.getByTestId('column-label').selectOption('spam');
  await expect(page.getByTestId('report-valid')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('preview-row-1')).toContainText('WIN a free cruise now');
  await expectNoOverflow(page, 'the Datasets page');
  await shot(page, 'library-mapped');
});
