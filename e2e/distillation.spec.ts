// Distillation as a person does it: a finished bert-mini run → "Distil this run" → a
// bert-tiny student trains on the teacher's outputs (on the data and on unlabelled text
// chosen from the computer) → Compare shows both runs' accuracy,
// their latency at batch 1 and 8 measured on this machine, and the student's speed-up.
import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setSetting, shot, url } from './helpers';

const TRAINING = 300_000;

const runIdOf = (page: Page) => decodeURIComponent(new URL(page.url()).hash.replace('#/runs/', ''));

test('a finished run is distilled into a smaller student, and Compare measures both', async ({ page }) => {
  test.setTimeout(3 * TRAINING);

  // The teacher: bert-mini on the SST-2 sample, a few steps.
  await page.goto(url('#/datasets'));
  await page.getByTestId('pick-sample-sst2').click();
  await page.getByTestId('use-for-run').click();
  await page.getByTestId('step-model').click();
  await page.getByTestId('model-bert-mini').click();
  await page.getByTestId('step-training').click();
  await setSetting(page, 'max_steps', '6');
  await setSetting(page, 'batch_size', '8');
  await setSetting(page, 'max_seq_length', '32');
  await page.getByTestId('step-review').click();
  await page.getByTestId('create-run').click();
  await page.waitForURL(/#\/runs\/[^/]+$/);
  const teacher = runIdOf(page);
  await expect(page.getByTestId('run-status')).toHaveText('completed', { timeout: TRAINING });

  // "Distil this run": bert-tiny, the teacher's data, a few steps.
  await page.getByTestId('distil-run').click();
  await expect(page).toHaveURL(new RegExp(`#/runs/${teacher}/distil$`));
  await expect(page.getByTestId('distil-teacher')).toContainText('bert-mini');
  // The pretrained checkpoints come first; this journey's student is a preset (no download).
  await expect(page.getByTestId('student-kind-catalogue')).toHaveAttribute('aria-pressed', 'true');
  await page.getByTestId('student-kind-preset').click();
  await page.getByTestId('student-bert-tiny').click();
  await expect(page.getByTestId('distil-temperature')).toHaveValue('2');
  await expect(page.getByTestId('distil-alpha')).toHaveValue('0.5');
  await expect(page.getByTestId('distil-max_steps')).toHaveValue('6');
  await page.getByTestId('distil-max_steps').fill('8');
  // Unlabelled reviews, chosen from the computer: the teacher labels them for the student.
  const extra = path.join(mkdtempSync(path.join(os.tmpdir(), 'wb-unlabelled-')), 'more-reviews.txt');
  writeFileSync(extra, 'a gripping , beautifully acted film\na tedious mess\nwarm and funny\n');
  await page.getByTestId('distil-unlabelled-file').setInputFiles(extra);
  await expect(page.getByTestId('distil-unlabelled')).toHaveValue(/more-reviews\.txt$/);
  await shot(page, 'distil');
  await page.getByTestId('distil-start').click();
  await page.waitForURL(/#\/runs\/[^/]+$/);
  const student = runIdOf(page);
  expect(student).not.toBe(teacher);
  await expect(page.getByTestId('run-name')).toContainText('bert-tiny ←');
  await expect(page.getByTestId('run-status')).toHaveText('completed', { timeout: TRAINING });
  await expect(page.getByTestId('final-metrics')).toBeVisible();
  await expect(page.getByText(/teacher outputs: \d+ inputs computed for \d+ examples/)).toBeVisible();
  await expect(page.getByText(/3 unlabelled examples from .*more-reviews\.txt train the teacher term only/)).toBeVisible();

  // Compare: accuracy, parameters, then latency and speed-up measured on request.
  await page.getByTestId('compare-teacher').click();
  await expect(page).toHaveURL(/#\/compare\?/);
  const panel = page.getByTestId('distillation-panel');
  await expect(panel).toBeVisible();
  const teacherRow = panel.getByTestId('distillation-teacher');
  const studentRow = panel.getByTestId('distillation-student');
  await expect(teacherRow).toContainText('bert-mini');
  await expect(studentRow).toContainText('bert-tiny');
  await expect(teacherRow.getByTestId('distillation-metric')).toHaveText(/^0\.\d+/);
  await expect(studentRow.getByTestId('distillation-metric')).toHaveText(/^0\.\d+.*of the teacher/);
  await expect(studentRow.getByTestId('latency-1')).toHaveText('—');
  await panel.getByTestId('measure-latency').click();
  await expect(panel.getByTestId('latency-note')).toContainText('interleaved rounds', { timeout: 180_000 });
  for (const row of [teacherRow, studentRow]) {
    await expect(row.getByTestId('latency-1')).toHaveText(/^\d+(\.\d)? ms$/);
    await expect(row.getByTestId('latency-8')).toHaveText(/^\d+(\.\d)? ms$/);
  }
  await expect(studentRow.getByTestId('speed-up')).toHaveText(/^\d+(\.\d)?× \/ \d+(\.\d)?×$/);
  // bert-tiny has a quarter of bert-mini's encoder width and half its layers: it answers faster.
  const [at1] = ((await studentRow.getByTestId('speed-up').innerText()).match(/[\d.]+/g) ?? []).map(Number);
  expect.soft(at1, 'speed-up at batch 1').toBeGreaterThan(1);
  await shot(page, 'compare-distillation');
});
