// Metrics people trust and runs people find, at 1,024 × 768: a classification run on a
// file with named labels trains → its confusion matrix and per-class table show the label
// names → a cell shows its examples; a run cancelled mid-epoch resumes from the step it
// stopped at; the finished model is evaluated on a test file and its predictions are
// downloaded; the runs table sorts by eval_accuracy. Every page is checked for horizontal
// overflow (document.scrollWidth) and photographed into test-results/screens/.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';

test.use({ viewport: { width: 1024, height: 768 } });
test.describe.configure({ mode: 'serial' });

const WIDTH = 1024;
const TRAINING = 300_000;

const url = (hash = '') => {
  const value = process.env.WORKBENCH_URL;
  if (!value) throw new Error('WORKBENCH_URL is not set; run through playwright.config.ts');
  return `${value}${hash}`;
};

/** SST-2 sample sentences with their labels named: what a person's own review file looks like. */
function namedLabels(file: string, limit: number): string {
  const [, ...lines] = readFileSync(path.resolve('datasets/samples/sst2', file), 'utf8').trim().split('\n');
  const rows = lines.slice(0, limit).map((line) => {
    const [text, label] = line.split('\t');
    return `${text!.trim()}\t${label!.trim() === '1' ? 'positive' : 'negative'}`;
  });
  return ['review\tsentiment', ...rows].join('\n') + '\n';
}

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

/** No page may be wider than the window: the 1,024 px laptop the issue was found on. */
async function expectNoOverflow(page: Page, where: string): Promise<void> {
  const width = await page.evaluate(() => Math.max(document.documentElement.scrollWidth, document.body.scrollWidth));
  expect(width, `${where} is ${width} px wide in a ${WIDTH} px window`).toBeLessThanOrEqual(WIDTH);
}

async function setSetting(page: Page, name: string, value: string): Promise<void> {
  const field = page.getByTestId(`setting-${name}`);
  await field.fill(value);
  await expect(field).toHaveValue(value);
}

async function progressStep(page: Page): Promise<number> {
  const text = (await page.getByTestId('progress-text').textContent().catch(() => '')) ?? '';
  const match = /step ([\d,]+) of/.exec(text);
  return match ? Number(match[1]!.replace(/,/g, '')) : -1;
}

function runIdOf(page: Page): string {
  return decodeURIComponent(new URL(page.url()).hash.replace('#/runs/', ''));
}

let trained = '';

test('a run on named labels: confusion matrix and per-class table by name, a cell shows its examples', async ({ page }) => {
  test.setTimeout(TRAINING + 60_000);
  await page.goto(url('#/datasets'));
  await page.getByTestId('file-input').setInputFiles({ name: 'reviews.tsv', mimeType: 'text/tab-separated-values', buffer: Buffer.from(namedLabels('train.tsv', 400)) });
  await expect(page.getByTestId('report-valid')).toBeVisible({ timeout: 60_000 });
  await expectNoOverflow(page, 'the Datasets page');
  await page.getByTestId('use-for-run').click();
  await expect(page).toHaveURL(/#\/new$/);
  await expect(page.getByTestId('settings-origin')).toContainText('the defaults');
  await page.getByTestId('step-model').click();
  await page.getByTestId('model-bert-tiny').click();
  await page.getByTestId('step-training').click();
  await setSetting(page, 'max_steps', '24');
  await setSetting(page, 'batch_size', '8');
  await setSetting(page, 'max_seq_length', '64');
  await page.getByTestId('advanced').locator('summary').click();
  await setSetting(page, 'eval_steps', '12');
  await page.getByTestId('setting-metric_for_best_model').selectOption('accuracy');
  await expectNoOverflow(page, 'the New run training step');
  await shot(page, 'metrics-new-run-training');
  await page.getByTestId('step-review').click();
  await page.getByTestId('run-name').fill('named labels');
  await page.getByTestId('create-run').click();
  await page.waitForURL(/#\/runs\/[^/]+$/);
  trained = runIdOf(page);

  // The status line tells the truth while it trains: steps and epoch from one source.
  await expect.poll(() => progressStep(page), { timeout: TRAINING }).toBeGreaterThan(0);
  await expect(page.getByTestId('run-phase')).toHaveCount(0);
  await expect(page.getByTestId('run-status')).toHaveText('completed', { timeout: TRAINING });
  await expect(page.getByTestId('progress-text')).toContainText('step 24 of 24');
  await expect(page.getByTestId('best-metric')).toContainText('eval_accuracy');

  const matrix = page.getByTestId('confusion-matrix');
  await expect(matrix).toBeVisible({ timeout: 30_000 });
  await expect(matrix.locator('thead')).toContainText('negative');
  await expect(matrix.locator('thead')).toContainText('positive');
  await expect(page.getByTestId('class-row-negative')).toBeVisible();
  await expect(page.getByTestId('class-row-positive')).toBeVisible();
  // 10% of 400 examples is a small validation set: its accuracy comes with an interval.
  await expect(page.getByTestId('small-validation-warning')).toContainText('95% Wilson interval');
  await expect(page.getByTestId('baseline-note')).toContainText('Majority-class baseline');
  await expect(page.getByTestId('eval-metrics-chart').locator('.recharts-legend-item', { hasText: 'majority baseline' })).toBeVisible();

  // Click a cell → the viewer lists exactly its examples.
  const cells = page.locator('[data-testid^="confusion-cell-"]:not([disabled])');
  const cell = cells.first();
  const count = Number((await cell.getAttribute('aria-label'))!.match(/: (\d+) examples/)![1]);
  await cell.click();
  const viewer = page.getByTestId('evaluation-panel').getByTestId('predictions-viewer');
  await expect(viewer.getByTestId('predictions-count')).toContainText(`${count} of`);
  await expect(viewer.getByTestId('prediction-row')).toHaveCount(Math.min(count, 50));
  const [goldIndex, predictedIndex] = (await cell.getAttribute('data-testid'))!.replace('confusion-cell-', '').split('-').map(Number);
  const labels = ['negative', 'positive'];
  const gold = (await matrix.locator('tbody th').nth(goldIndex!).textContent())!;
  const predicted = (await matrix.locator('thead th').nth(predictedIndex! + 1).textContent())!;
  expect(labels).toContain(gold);
  await expect(viewer.getByTestId('filter-gold')).toHaveValue(gold);
  await expect(viewer.getByTestId('filter-predicted')).toHaveValue(predicted);
  await expectNoOverflow(page, 'the run view');
  await shot(page, 'metrics-run-view');
});

test('cancel mid-epoch, then Resume continues from the step it stopped at', async ({ page }) => {
  test.setTimeout(TRAINING + 120_000);
  await page.goto(url('#/new'));
  // Settings do not carry over from the run before: the form says where they come from.
  await expect(page.getByTestId('settings-origin')).toContainText('the defaults');
  await page.getByTestId('step-data').click();
  await page.getByTestId('data-sample-sst2').click();
  await page.getByTestId('step-model').click();
  await page.getByTestId('model-bert-tiny').click();
  await page.getByTestId('step-training').click();
  await expect(page.getByTestId('setting-max_steps')).toHaveValue('0');
  await setSetting(page, 'max_steps', '400');
  await setSetting(page, 'batch_size', '8');
  await setSetting(page, 'max_seq_length', '32');
  await page.getByTestId('step-review').click();
  await page.getByTestId('run-name').fill('cancel mid-epoch');
  await page.getByTestId('create-run').click();
  await page.waitForURL(/#\/runs\/[^/]+$/);
  const id = runIdOf(page);

  await expect.poll(() => progressStep(page), { timeout: TRAINING }).toBeGreaterThanOrEqual(8);
  await page.getByTestId('cancel-run').click();
  await expect(page.getByTestId('run-status')).toHaveText('cancelled', { timeout: 120_000 });
  // 400 steps of 250 an epoch, checkpoints at epoch ends: the stop itself saved one.
  const resume = page.getByTestId('resume-run');
  await expect(resume).toHaveText(/Resume from step \d+/);
  const stoppedAt = Number((await resume.textContent())!.match(/\d+/)![0]);
  expect(stoppedAt).toBeGreaterThanOrEqual(8);
  expect(stoppedAt).toBeLessThan(250);
  await expect.poll(() => progressStep(page)).toBe(stoppedAt);
  await shot(page, 'metrics-run-cancelled');
  await expectNoOverflow(page, 'a cancelled run');

  await resume.click();
  const seen: number[] = [];
  await expect(async () => {
    const step = await progressStep(page);
    if (step >= 0) seen.push(step);
    expect(step).toBeGreaterThan(stoppedAt + 3);
  }).toPass({ timeout: TRAINING, intervals: [200] });
  // The count went on from where it stopped: never back to the start.
  expect(Math.min(...seen)).toBeGreaterThanOrEqual(stoppedAt);
  await expect(page.getByTestId('run-log')).toContainText(`resuming from checkpoints/step-${stoppedAt}`);
  await shot(page, 'metrics-run-resumed');
  await page.getByTestId('cancel-run').click();
  await expect(page.getByTestId('run-status')).toHaveText('cancelled', { timeout: 120_000 });
  expect(id).not.toBe(trained);
});

test('evaluate the finished model on a test file and download its predictions', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(url(`#/runs/${encodeURIComponent(trained)}`));
  const panel = page.getByTestId('test-evaluation');
  await panel.getByTestId('file-input').setInputFiles({ name: 'reviews-test.tsv', mimeType: 'text/tab-separated-values', buffer: Buffer.from(namedLabels('dev.tsv', 120)) });
  await expect(panel.getByTestId('test-file-path')).toHaveValue(/reviews-test\.tsv$/, { timeout: 30_000 });
  await panel.getByTestId('evaluate-file').click();
  await expect(panel.getByTestId('test-metrics')).toContainText('accuracy', { timeout: 120_000 });
  await expect(panel.getByTestId('confusion-matrix')).toContainText('positive');
  await expect(panel.getByTestId('predictions-count')).toContainText('of 120 examples');

  const downloadCsv = page.waitForEvent('download');
  await panel.getByTestId('download-csv').click();
  const csv = await downloadCsv;
  expect(csv.suggestedFilename()).toMatch(/^predictions-.*reviews-test\.csv$/);
  const lines = readFileSync((await csv.path())!, 'utf8').trim().split('\r\n');
  expect(lines[0]).toBe('index,text,gold,predicted,confidence,correct');
  expect(lines).toHaveLength(121);
  const downloadJsonl = page.waitForEvent('download');
  await panel.getByTestId('download-jsonl').click();
  const jsonl = readFileSync((await (await downloadJsonl).path())!, 'utf8').trim().split('\n');
  expect(JSON.parse(jsonl[0]!)).toMatchObject({ index: 0, gold: expect.stringMatching(/positive|negative/) });
  await expectNoOverflow(page, 'the run view with a test evaluation');
  await shot(page, 'metrics-test-evaluation');
});

test('the runs table sorts by eval_accuracy, filters, and keeps tags', async ({ page }) => {
  test.setTimeout(TRAINING + 60_000);
  // A second finished run, its settings copied on purpose from the first.
  await page.goto(url('#/datasets'));
  await page.getByTestId('pick-sample-sst2').click();
  await page.getByTestId('use-for-run').click();
  await page.getByTestId('copy-settings-from').selectOption(trained);
  await expect(page.getByTestId('settings-origin')).toContainText('named labels');
  await page.getByTestId('step-model').click();
  await page.getByTestId('model-bert-tiny').click();
  await page.getByTestId('step-training').click();
  await expect(page.getByTestId('setting-max_steps')).toHaveValue('24');
  await setSetting(page, 'max_steps', '6');
  await page.getByTestId('step-review').click();
  await page.getByTestId('run-name').fill('copied settings');
  await page.getByTestId('create-run').click();
  await page.waitForURL(/#\/runs\/[^/]+$/);
  const second = runIdOf(page);
  await expect(page.getByTestId('run-status')).toHaveText('completed', { timeout: TRAINING });
  await page.getByTestId('run-tags').fill('short, sst2');
  await page.getByTestId('save-notes').click();
  await expect(page.getByTestId('run-tag-list')).toContainText('short');

  await page.goto(url('#/runs'));
  const table = page.getByTestId('runs-table');
  await expect(table.getByTestId(`cell-eval_accuracy-${second}`)).not.toHaveText('—');
  const accuracies = async () =>
    (await table.locator('[data-testid^="cell-eval_accuracy-"]').allTextContents()).map((t) => (t === '—' ? null : Number(t)));
  await page.getByTestId('sort-eval_accuracy').click();
  const descending = (await accuracies()).filter((v): v is number => v !== null);
  expect(descending.length).toBeGreaterThanOrEqual(2);
  expect(descending).toEqual([...descending].sort((a, b) => b - a));
  await expect(page.getByTestId('sort-eval_accuracy').locator('..')).toHaveAttribute('aria-sort', 'descending');
  await page.getByTestId('sort-eval_accuracy').click();
  const ascending = (await accuracies()).filter((v): v is number => v !== null);
  expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
  // Runs without the metric stay last, either way.
  expect((await accuracies()).slice(0, ascending.length).every((v) => v !== null)).toBe(true);
  await shot(page, 'metrics-runs-table');

  await page.getByTestId('runs-filter-tag').selectOption('short');
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await page.getByTestId('runs-filter-tag').selectOption('');
  await page.getByTestId('runs-filter-status').selectOption('cancelled');
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await expectNoOverflow(page, 'the Runs page');
});

test('no page is wider than a 1,024 px window', async ({ page }) => {
  test.setTimeout(120_000);
  // A binary file read as a table has absurd "column names"; they must wrap, not widen the page.
  await page.goto(url('#/datasets'));
  const binary = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 251));
  await page.getByTestId('file-input').setInputFiles({ name: 'weights.bin', mimeType: 'application/octet-stream', buffer: binary });
  await expect(page.getByTestId('import-error').or(page.getByTestId('report-summary')).or(page.getByTestId('inspect-error'))).toBeVisible({ timeout: 30_000 });
  await expectNoOverflow(page, 'the Datasets page with a binary file');
  await shot(page, 'metrics-datasets-binary');
  const pages: [string, string][] = [
    ['', 'overview'],
    ['#/new', 'new-run'],
    ['#/runs', 'runs'],
    [`#/runs/${encodeURIComponent(trained)}`, 'run'],
    [`#/compare?runs=${encodeURIComponent(trained)}`, 'compare'],
    [`#/playground/${encodeURIComponent(trained)}`, 'playground'],
    [`#/export/${encodeURIComponent(trained)}`, 'export'],
  ];
  for (const [hash, name] of pages) {
    await page.goto(url(hash));
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(500);
    await expectNoOverflow(page, `the ${name} page`);
  }
  // Each step of the New run form too.
  await page.goto(url('#/new'));
  for (const step of ['task', 'data', 'model', 'training', 'review']) {
    await page.getByTestId(`step-${step}`).click();
    await expectNoOverflow(page, `the New run ${step} step`);
  }
});
