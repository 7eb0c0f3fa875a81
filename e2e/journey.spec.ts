// The whole journey as a new user walks it, in the browser-mode UI against the real
// service: data → run → live curves → playground → a frozen variant → compare → export,
// then the same for NER and QA. Screenshots of each page go to test-results/screens/.
import { expect, test, type Page } from '@playwright/test';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { setSetting, shot, url } from './helpers';

const TRAINING = 240_000;

/** From the New run form's Model step: bert-tiny, a few small steps, then create; returns the run id. */
async function createTinyRun(page: Page, screens?: string, configure?: (page: Page) => Promise<void>): Promise<string> {
  await page.getByTestId('step-model').click();
  await page.getByTestId('model-bert-tiny').click();
  await page.getByTestId('step-training').click();
  await setSetting(page, 'max_steps', '8');
  await setSetting(page, 'batch_size', '8');
  await page.getByTestId('advanced').locator('summary').click();
  await setSetting(page, 'eval_steps', '4');
  if (configure) await configure(page);
  await expect(page.getByTestId('schedule-chart')).toBeVisible();
  if (screens) await shot(page, `${screens}-training`);
  await page.getByTestId('step-review').click();
  await expect(page.getByTestId('estimate')).toBeVisible();
  await page.getByTestId('show-config').click();
  await expect(page.getByTestId('config-json')).toContainText('"max_steps": 8');
  if (screens) await shot(page, `${screens}-review`);
  await page.getByTestId('create-run').click();
  await page.waitForURL(/#\/runs\/[^/]+$/);
  return decodeURIComponent(new URL(page.url()).hash.replace('#/runs/', ''));
}

async function waitForCompletion(page: Page): Promise<void> {
  await expect(page.getByTestId('run-status')).toHaveText('completed', { timeout: TRAINING });
}

async function lossPoints(page: Page): Promise<number> {
  return Number((await page.getByTestId('loss-chart').getAttribute('data-points')) ?? 0);
}

test.describe.configure({ mode: 'serial' });

test.describe('classification journey', () => {
  let first = '';
  let frozen = '';

  test('overview says where to start', async ({ page }) => {
    await page.goto(url());
    await expect(page.getByTestId('start-datasets')).toBeVisible();
    await expect(page.getByTestId('samples').locator('li')).not.toHaveCount(0);
    await shot(page, 'overview');
  });

  test('import a file, then open the SST-2 sample: preview, label chart, lengths', async ({ page }) => {
    await page.goto(url('#/datasets'));
    await expect(page.getByTestId('datasets-empty')).toBeVisible();
    await page.getByTestId('file-input').setInputFiles(path.resolve('datasets/samples/sst2/dev.tsv'));
    await expect(page.getByTestId('imported-files')).toContainText('dev.tsv');
    await expect(page.getByTestId('report-summary')).toBeVisible({ timeout: 30_000 });

    await page.getByTestId('pick-sample-sst2').click();
    await expect(page.getByTestId('report-valid')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('label-chart')).toBeVisible();
    await expect(page.getByTestId('length-histogram')).toBeVisible();
    await expect(page.getByTestId('truncated-count')).toContainText('max_seq_length');
    await expect(page.getByTestId('preview-row-0')).toBeVisible();
    await shot(page, 'datasets-classification');
  });

  test('a bert-tiny run trains, its loss chart grows, it completes and reloads with its history', async ({ page }) => {
    test.setTimeout(TRAINING + 60_000);
    await page.goto(url('#/datasets'));
    await page.getByTestId('pick-sample-sst2').click();
    await page.getByTestId('use-for-run').click();
    await expect(page).toHaveURL(/#\/new$/);
    first = await createTinyRun(page, 'new-run');

    const seen = new Set<number>();
    await expect(async () => {
      seen.add(await lossPoints(page));
      await expect(page.getByTestId('run-status')).toHaveText('completed', { timeout: 100 });
    }).toPass({ timeout: TRAINING, intervals: [150] });
    const final = await lossPoints(page);
    expect(final).toBeGreaterThanOrEqual(8);
    // With 8 tiny steps the run may finish between two looks; growth is shown when there was time to see it.
    expect.soft([...seen].filter((n) => n > 0 && n < final).length, 'loss points seen while training').toBeGreaterThan(0);
    await expect(page.getByTestId('final-metrics')).toBeVisible();
    await shot(page, 'run-view');

    await page.reload();
    await expect(page.getByTestId('run-status')).toHaveText('completed');
    await expect.poll(() => lossPoints(page)).toBe(final);
  });

  test('the playground predicts a sentence', async ({ page }) => {
    await page.goto(url(`#/runs/${encodeURIComponent(first)}`));
    await page.getByTestId('try-run').click();
    await page.getByTestId('input-text').fill('a gripping , beautifully acted film');
    await page.getByTestId('predict').click();
    await expect(page.getByTestId('prob-bar')).toHaveCount(2, { timeout: 60_000 });
    await expect(page.getByTestId('predicted-label')).not.toBeEmpty();
    await shot(page, 'playground-classification');
  });

  test('a second run with layers frozen, made by duplicate-and-edit', async ({ page }) => {
    test.setTimeout(TRAINING + 60_000);
    await page.goto(url(`#/runs/${encodeURIComponent(first)}`));
    await page.getByTestId('duplicate-run').click();
    await expect(page.getByTestId('setting-max_steps')).toHaveValue('8');
    await page.getByTestId('block-layer-0').click();
    await page.getByTestId('block-layer-1').click();
    await expect(page.getByTestId('frozen-summary')).toHaveText('layers 0–1');
    await shot(page, 'new-run-frozen');
    await page.getByTestId('step-review').click();
    await page.getByTestId('show-config').click();
    await expect(page.getByTestId('config-json')).toContainText('"frozen_layers"');
    await page.getByTestId('create-run').click();
    await page.waitForURL(/#\/runs\/[^/]+$/);
    frozen = decodeURIComponent(new URL(page.url()).hash.replace('#/runs/', ''));
    expect(frozen).not.toBe(first);
    await waitForCompletion(page);
  });

  test('Compare overlays both curves and names the frozen layers in the config diff', async ({ page }) => {
    await page.goto(url('#/runs'));
    await page.getByTestId(`pick-${first}`).check();
    await page.getByTestId(`pick-${frozen}`).check();
    await shot(page, 'runs');
    await page.getByTestId('compare-picked').click();
    await expect(page).toHaveURL(/#\/compare\?/);
    const chart = page.getByTestId('compare-chart');
    await expect.poll(async () => Number(await chart.getAttribute('data-points'))).toBeGreaterThanOrEqual(16);
    await expect(chart.locator('.recharts-legend-item')).toHaveCount(2);
    await expect(page.getByTestId('diff-training.frozen_layers')).toContainText('[0, 1]');
    await expect(page.getByTestId('model-facts').getByTestId('frozen-cell').nth(1)).toContainText('layers 0–1');
    await expect(page.getByTestId('compare-metrics')).toBeVisible();
    await shot(page, 'compare');
    await page.getByTestId('axis-elapsed_s').click();
    await expect.poll(async () => Number(await chart.getAttribute('data-points'))).toBeGreaterThan(0);
  });

  test('export writes a model folder', async ({ page }) => {
    await page.goto(url(`#/export/${encodeURIComponent(first)}`));
    await page.getByTestId('export-format-hf').check();
    await page.getByTestId('export-start').click();
    await expect(page.getByTestId('export-path')).toBeVisible({ timeout: 120_000 });
    const folder = (await page.getByTestId('export-path').innerText()).trim();
    expect(existsSync(folder)).toBe(true);
    expect(readdirSync(folder)).toContain('config.json');
    await shot(page, 'export');
  });
});

test.describe('NER journey', () => {
  test('WNUT-17: entities highlighted in the preview, a run, and a prediction', async ({ page }) => {
    test.setTimeout(TRAINING + 120_000);
    await page.goto(url('#/datasets'));
    await page.getByTestId('pick-sample-wnut17').click();
    await expect(page.getByTestId('report-summary')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('entity-legend')).toBeVisible();
    await expect(page.getByTestId('preview').getByTestId('entity').first()).toBeVisible();
    await expect(page.getByTestId('entity-chart')).toBeVisible();
    await shot(page, 'datasets-ner');
    await page.getByTestId('use-for-run').click();
    await createTinyRun(page);
    await waitForCompletion(page);
    await page.getByTestId('try-run').click();
    await page.getByTestId('input-text').fill('Barack Obama visited Paris with Microsoft engineers');
    await page.getByTestId('predict').click();
    await expect(page.getByTestId('ner-result')).toBeVisible({ timeout: 60_000 });
    // A model trained for 8 steps may find no entity; whatever it finds is marked in the text.
    const found = await page.getByTestId('ner-result').getByTestId('entity').count();
    if (found === 0) await expect(page.getByTestId('no-entities')).toBeVisible();
    await shot(page, 'playground-ner');
  });
});

test.describe('QA journey', () => {
  test('SQuAD 2.0: answers highlighted in the preview, a run, and an answer in its context', async ({ page }) => {
    test.setTimeout(TRAINING + 120_000);
    await page.goto(url('#/datasets'));
    await page.getByTestId('pick-sample-squad-v2').click();
    await expect(page.getByTestId('report-summary')).toBeVisible({ timeout: 60_000 });
    await expect(page.getByTestId('preview').getByTestId('answer-span').first()).toBeVisible();
    await expect(page.getByTestId('answerable-chart')).toBeVisible();
    await shot(page, 'datasets-qa');
    await page.getByTestId('use-for-run').click();
    await createTinyRun(page);
    await waitForCompletion(page);
    await page.getByTestId('try-run').click();
    await page.getByTestId('fill-example').click();
    await expect(page.getByTestId('input-context')).not.toHaveValue('');
    await page.getByTestId('predict').click();
    await expect(page.getByTestId('qa-result')).toBeVisible({ timeout: 60_000 });
    // Either an answer marked in the context or the model's "no answer", with its score.
    await expect(page.getByTestId('qa-context').getByTestId('answer-span').or(page.getByTestId('qa-no-answer'))).toBeVisible();
    await shot(page, 'playground-qa');
  });
});
