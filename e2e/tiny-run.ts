// The New run form's Model and Training steps as the specs fill them: bert-tiny, 8 steps of
// batch 8, an evaluation every 4 steps (a run that finishes in seconds on any machine).
import type { Page } from '@playwright/test';
import { setSetting } from './helpers';

/** From any step: picks bert-tiny and the short schedule, leaving the form on the Training step. */
export async function chooseTinyRun(page: Page): Promise<void> {
  await page.getByTestId('step-model').click();
  await page.getByTestId('model-bert-tiny').click();
  await page.getByTestId('step-training').click();
  await setSetting(page, 'max_steps', '8');
  await setSetting(page, 'batch_size', '8');
  await page.getByTestId('advanced').locator('summary').click();
  await setSetting(page, 'eval_steps', '4');
}
