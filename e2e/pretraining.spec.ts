// Domain pre-training as a person walks it, in the browser-mode UI against the real
// service: import a .txt corpus (a sentence per line, blank lines between documents) →
// its statistics → pre-train bert-tiny a few steps → the held-out curves → fill-mask in
// the playground shows ranked tokens → "Fine-tune from this run" → a classification run
// starts from the pre-training run's model, beside the same run from random weights.
import { expect, test } from '@playwright/test';
import { setSetting, shot, url } from './helpers';

const TRAINING = 240_000;

const CORPUS = Array.from({ length: 12 }, (_, d) =>
  [`the river was cold on day ${d} .`, 'john caught a fish while fishing .', d % 2 ? 'the fish was very good .' : 'mary bought shoes in paris .'].join('\n'),
).join('\n\n');

test.describe.configure({ mode: 'serial' });

test.describe('domain pre-training journey', () => {
  let pretrainingRun = '';

  test('import a .txt corpus and see its documents, sentences, word pieces and [UNK] rate', async ({ page }) => {
    await page.goto(url('#/datasets'));
    await page.getByTestId('import-task').selectOption('mlm');
    await page.getByTestId('file-input').setInputFiles({ name: 'river-corpus.txt', mimeType: 'text/plain', buffer: Buffer.from(CORPUS + '\n') });
    await expect(page.getByTestId('report-valid')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('corpus-stats')).toBeVisible();
    // 5% of 12 documents held out: 1 document.
    await expect(page.getByTestId('corpus-documents')).toHaveText('11');
    await expect(page.getByTestId('corpus-sentences')).toHaveText('33');
    await expect(page.getByTestId('corpus-unk')).toContainText('0.00%');
    await expect(page.getByTestId('length-histogram')).toBeVisible();
    await expect(page.getByTestId('preview-row-0')).toContainText('john caught a fish while fishing .');
    await shot(page, 'datasets-pretraining');
  });

  test('pre-train bert-tiny from random weights; the run shows its held-out masked-LM and NSP curves', async ({ page }) => {
    test.setTimeout(TRAINING + 60_000);
    await page.goto(url('#/datasets'));
    await page.getByTestId('import-task').selectOption('mlm');
    await page.getByTestId('file-input').setInputFiles({ name: 'river-corpus.txt', mimeType: 'text/plain', buffer: Buffer.from(CORPUS + '\n') });
    await page.getByTestId('use-for-run').click();
    await expect(page).toHaveURL(/#\/new$/);
    await page.getByTestId('model-bert-tiny').click();
    await page.getByTestId('step-training').click();
    await expect(page.getByTestId('setting-next_sentence_prediction')).toBeChecked();
    await setSetting(page, 'mlm_probability', '0.2');
    await setSetting(page, 'max_steps', '3');
    await setSetting(page, 'batch_size', '4');
    await setSetting(page, 'max_seq_length', '32');
    await page.getByTestId('advanced').locator('summary').click();
    await setSetting(page, 'validation_split_percentage', '20');
    await page.getByTestId('step-review').click();
    await page.getByTestId('show-config').click();
    await expect(page.getByTestId('config-json')).toContainText('"task": "mlm"');
    await expect(page.getByTestId('config-json')).toContainText('"mlm_probability": 0.2');
    await page.getByTestId('create-run').click();
    await page.waitForURL(/#\/runs\/[^/]+$/);
    pretrainingRun = decodeURIComponent(new URL(page.url()).hash.replace('#/runs/', ''));
    await expect(page.getByTestId('run-status')).toHaveText('completed', { timeout: TRAINING });
    await expect(page.getByTestId('pretraining-charts')).toBeVisible();
    await expect(page.getByTestId('final-metrics')).toContainText('mlm_accuracy');
    await expect(page.getByTestId('final-metrics')).toContainText('nsp_accuracy');
    await expect(page.getByTestId('final-metrics')).toContainText('perplexity');
    await shot(page, 'run-pretraining');
  });

  test('fill-mask in the playground ranks tokens for "I caught a [MASK] while fishing."', async ({ page }) => {
    await page.goto(url(`#/runs/${encodeURIComponent(pretrainingRun)}`));
    await page.getByTestId('try-run').click();
    await expect(page.getByTestId('input-text')).toHaveValue('I caught a [MASK] while fishing.');
    await page.getByTestId('predict').click();
    await expect(page.getByTestId('candidate')).toHaveCount(5, { timeout: 60_000 });
    await expect(page.getByTestId('top-token')).not.toBeEmpty();
    const values = await page.locator('[data-testid="candidate"] .prob-value').allTextContents();
    const probabilities = values.map((v) => Number.parseFloat(v));
    expect([...probabilities].sort((a, b) => b - a)).toEqual(probabilities);
    await shot(page, 'playground-fill-mask');
  });

  test('duplicate and edit keeps the pre-training task and its data', async ({ page }) => {
    await page.goto(url(`#/runs/${encodeURIComponent(pretrainingRun)}`));
    await page.getByTestId('duplicate-run').click();
    await expect(page).toHaveURL(/#\/new$/);
    await page.getByTestId('step-review').click();
    await expect(page.getByTestId('report-invalid')).toHaveCount(0);
    await expect(page.getByTestId('create-run')).toBeEnabled({ timeout: 30_000 });
    await page.getByTestId('step-task').click();
    await expect(page.getByTestId('task-mlm').locator('input')).toBeChecked();
  });

  test('a corpus of single sentences (a .txt without blank lines) offers to turn next-sentence prediction off', async ({ page }) => {
    await page.goto(url('#/datasets'));
    await page.getByTestId('import-task').selectOption('mlm');
    const lines = Array.from({ length: 20 }, (_, i) => `the river was cold on day ${i} .`).join('\n');
    await page.getByTestId('file-input').setInputFiles({ name: 'lines.txt', mimeType: 'text/plain', buffer: Buffer.from(lines + '\n') });
    await expect(page.getByTestId('report-valid')).toBeVisible({ timeout: 30_000 });
    await page.getByTestId('use-for-run').click();
    await page.getByTestId('step-data').click();
    await page.getByTestId('nsp-off').click();
    await expect(page.getByTestId('nsp-notice')).toHaveCount(0);
    await page.getByTestId('step-training').click();
    await expect(page.getByTestId('setting-next_sentence_prediction')).not.toBeChecked();
  });

  test('"Fine-tune from this run" starts a classification run from the pre-trained model, compared with one from random weights', async ({ page }) => {
    test.setTimeout(TRAINING + 60_000);
    await page.goto(url(`#/runs/${encodeURIComponent(pretrainingRun)}`));
    await page.getByTestId('fine-tune-from-run').click();
    await expect(page).toHaveURL(/#\/new$/);
    await expect(page.getByTestId('task-classification').locator('input')).toBeChecked();
    await page.getByTestId('wizard-next').click();
    await page.getByTestId('data-sample-sst2').click();
    await page.getByTestId('step-training').click();
    await setSetting(page, 'max_steps', '2');
    await setSetting(page, 'batch_size', '8');
    await page.getByTestId('step-review').click();
    await expect(page.getByTestId('fine-tune-origin')).toContainText('pre-training run');
    await expect(page.getByTestId('fine-tune-compare')).toBeChecked();
    await page.getByTestId('show-config').click();
    await expect(page.getByTestId('config-json')).toContainText(`${pretrainingRun}/model`);
    await page.getByTestId('create-run').click();
    await page.waitForURL(/#\/compare\?/);
    await expect(page.getByTestId('model-facts')).toContainText('pre-trained: run');
    await expect(page.getByTestId('model-facts')).toContainText('bert-tiny');
    await shot(page, 'compare-fine-tune');
    // The fine-tune (first in the comparison) trains from the pre-training run's model.
    const [fineTune] = (new URLSearchParams(new URL(page.url()).hash.split('?')[1]).get('runs') ?? '').split(',');
    await page.goto(url(`#/runs/${encodeURIComponent(fineTune!)}`));
    await expect(page.getByTestId('run-view')).toContainText('from the pre-training run');
    await expect(page.getByTestId('run-status')).toHaveText('completed', { timeout: TRAINING });
    await expect(page.getByTestId('final-metrics')).toContainText('accuracy');
  });
});
