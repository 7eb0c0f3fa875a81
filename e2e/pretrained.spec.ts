// Fine-tuning a pretrained BERT as a new user does it, against the Hub stand-in the global
// setup started (HF_ENDPOINT) with a fresh Hugging Face cache (HF_HOME): pick BERT-Tiny from
// the catalogue, watch it download, fine-tune from it, see its Hub id and commit on the
// run page; a second run from the cache with the Hub stopped; a model Python put in the
// cache listed as downloaded; a DistilBERT refused; a preset warned about.
import { expect, test, type Page } from '@playwright/test';

const TINY = 'google/bert_uncased_L-2_H-128_A-2';
const TRAINING = 240_000;

const env = (name: string) => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set; run through playwright.config.ts`);
  return value;
};
const url = (hash = '') => `${env('WORKBENCH_URL')}${hash}`;

async function shot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
}

/** From the Model step: a short run, reviewed and created; returns the run id. */
async function trainBriefly(page: Page): Promise<string> {
  await page.getByTestId('step-training').click();
  await page.getByTestId('setting-max_steps').fill('8');
  await page.getByTestId('setting-batch_size').fill('8');
  await page.getByTestId('step-review').click();
  await expect(page.getByTestId('review-model')).toHaveText(`BERT-Tiny (${TINY})`);
  await expect(page.getByTestId('random-weights-warning')).toHaveCount(0);
  await page.getByTestId('create-run').click();
  await page.waitForURL(/#\/runs\/[^/]+$/);
  return decodeURIComponent(new URL(page.url()).hash.replace('#/runs/', ''));
}

test.describe.configure({ mode: 'serial' });

test.describe('fine-tuning a pretrained checkpoint', () => {
  let firstRun = '';

  test('pick BERT-Tiny: it downloads with progress, and the run fine-tunes from it, naming its Hub id and commit', async ({ page }) => {
    test.setTimeout(TRAINING + 60_000);
    await page.goto(url('#/datasets'));
    await page.getByTestId('pick-sample-sst2').click();
    await page.getByTestId('use-for-run').click();
    await expect(page).toHaveURL(/#\/new$/);
    await expect(page.getByTestId('hub-cache-dir')).toContainText('wb-e2e-hf-');

    const card = page.getByTestId(`catalogue-${TINY}`);
    await expect(card).toContainText(`BERT-Tiny (${TINY})`);
    await expect(card).toContainText('apache-2.0');
    await card.click();
    // The download shows bytes of the total, speed and time left while it runs.
    const progress = page.getByTestId('download-progress');
    await expect(progress).toHaveAttribute('data-status', 'downloading');
    await expect(page.getByTestId('download-bytes')).toContainText(/(KB|MB) of 1\d MB \(\d+%\)/, { timeout: 30_000 });
    await shot(page, 'model-downloading');
    // A run cannot start before its weights are on this machine.
    await page.getByTestId('step-review').click();
    await expect(page.getByTestId('create-run')).toBeDisabled();
    await expect(page.getByTestId('model-not-ready')).toContainText(`Downloading ${TINY}`);
    await page.getByTestId('step-model').click();
    await expect(page.getByTestId('model-availability')).toContainText('pretrained, on this machine', { timeout: 60_000 });
    await expect(card.getByTestId('downloaded-badge')).toBeVisible();
    await expect(page.getByTestId('new-weights')).toContainText('classifier.* newly initialised');
    await shot(page, 'model-downloaded');
    // The data's token counts are now the checkpoint's own tokenizer's.
    await page.getByTestId('step-data').click();
    await expect(page.getByTestId('counted-with').first()).toContainText(`${TINY}’s tokenizer`, { timeout: 30_000 });
    await page.getByTestId('step-model').click();

    firstRun = await trainBriefly(page);
    await expect(page.getByTestId('run-status')).toHaveText('completed', { timeout: TRAINING });
    const commit = env('HUB_STANDIN_TINY_COMMIT');
    await expect(page.getByTestId('run-weights')).toHaveText(`${TINY} @ ${commit.slice(0, 10)} (main)`);
    await expect(page.getByTestId('run-weights')).toHaveAttribute('title', commit);
    await expect(page.getByTestId('run-log')).toContainText('classifier.* newly initialised');
    await shot(page, 'run-from-pretrained');
  });

  test('a model already in the Hugging Face cache is listed as downloaded; a DistilBERT is refused by name', async ({ page }) => {
    await page.goto(url('#/new'));
    await page.getByTestId('step-model').click();
    const handmade = page.getByTestId('cached-someone/handmade-bert');
    await expect(handmade).toContainText('downloaded');
    await expect(handmade).toContainText('abababababab'.slice(0, 10));
    await handmade.click();
    await expect(page.getByTestId('model-availability')).toContainText('on this machine (commit ababababab)');

    // Any Hub id may be typed in; a DistilBERT is refused naming its type, before its weights.
    await page.getByTestId('hub-id').fill('distilbert/distilbert-base-uncased');
    await page.getByTestId('use-hub-id').click();
    await expect(page.getByTestId('download-progress')).toHaveAttribute('data-status', 'failed', { timeout: 30_000 });
    await expect(page.getByTestId('download-progress')).toContainText('distilbert/distilbert-base-uncased is a distilbert model, not BERT');
    await expect(page.getByTestId('retry-download')).toHaveCount(0);
    await shot(page, 'not-bert-refused');
  });

  test('a second run starts from the cache with the Hub stopped', async ({ page }) => {
    test.setTimeout(TRAINING + 60_000);
    process.kill(Number(env('HUB_STANDIN_PID')), 'SIGTERM');
    await expect.poll(() => fetch(env('HUB_STANDIN_ENDPOINT')).then(() => 'up', () => 'down')).toBe('down');
    await page.goto(url(`#/runs/${encodeURIComponent(firstRun)}`));
    await page.getByTestId('duplicate-run').click();
    await page.getByTestId('step-model').click();
    await expect(page.getByTestId('model-availability')).toContainText('on this machine');
    const second = await trainBriefly(page);
    expect(second).not.toBe(firstRun);
    await expect(page.getByTestId('run-status')).toHaveText('completed', { timeout: TRAINING });
    await expect(page.getByTestId('run-weights')).toContainText(`${TINY} @ ${env('HUB_STANDIN_TINY_COMMIT').slice(0, 10)}`);

    // Compare names both runs' weights.
    await page.goto(url(`#/compare?runs=${encodeURIComponent(firstRun)},${encodeURIComponent(second)}`));
    await expect(page.getByTestId('weights-cell').first()).toContainText(TINY);
  });

  test('a preset shows the random-weights warning, with the pretrained equivalent one click away', async ({ page }) => {
    await page.goto(url('#/new'));
    await page.getByTestId('step-model').click();
    await expect(page.getByTestId('presets-choice')).toContainText('Architecture only — random weights, for pre-training from scratch');
    await page.getByTestId('model-bert-tiny').click();
    const warning = page.getByTestId('random-weights-warning');
    await expect(warning).toContainText('will not learn language');
    await shot(page, 'random-weights-warning');
    await warning.getByTestId('use-pretrained').click();
    await expect(page.getByTestId('random-weights-warning')).toHaveCount(0);
    await expect(page.getByTestId(`catalogue-${TINY}`).locator('input')).toBeChecked();
    await expect(page.getByTestId('model-availability')).toContainText('on this machine');
  });
});
