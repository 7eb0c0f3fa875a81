// The ONNX export from the Export page in browser mode, as a person does it: pick ONNX and
// int8, export, read both parity verdicts, and download the folder as a zip that holds
// what ONNX Runtime and transformers.js read (byte for byte the files on disk).
import { expect, test } from '@playwright/test';
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';

const RUN_ID = 'onnx-e2e-sentiment';
const reference = path.resolve('core', 'testdata', 'bert-reference', 'checkpoints', 'sequence-classification');

function url(hash: string): string {
  const value = process.env.WORKBENCH_URL;
  if (!value) throw new Error('WORKBENCH_URL is not set; run through playwright.config.ts');
  return `${value}${hash}`;
}

test.beforeAll(() => {
  const home = process.env.WORKBENCH_HOME;
  if (!home) throw new Error('WORKBENCH_HOME is not set; run through playwright.config.ts');
  // A finished run whose model is the reference classifier, as the service lists runs from disk.
  const runDir = path.join(home, 'runs', RUN_ID);
  mkdirSync(path.join(runDir, 'model'), { recursive: true });
  for (const file of ['config.json', 'model.safetensors', 'vocab.txt', 'tokenizer_config.json']) copyFileSync(path.join(reference, file), path.join(runDir, 'model', file));
  const record = { id: RUN_ID, name: 'sentiment (ONNX)', status: 'completed', config: { task: 'classification', model: { preset: 'bert-tiny' } }, created_at: new Date().toISOString(), origin: 'app' };
  writeFileSync(path.join(runDir, 'run.json'), JSON.stringify(record));
});

test('exports ONNX with int8 weights and downloads the folder as a zip', async ({ page }) => {
  await page.goto(url(`#/export/${RUN_ID}`));
  await page.getByTestId('export-format-onnx').check();
  await page.getByTestId('export-quantize').selectOption('int8');
  await page.getByTestId('export-start').click();
  await expect(page.getByTestId('export-parity')).toContainText('Parity check passed', { timeout: 120_000 });
  await expect(page.getByTestId('export-parity-quantized')).toContainText('Parity check of the int8 model passed');
  const folder = (await page.getByTestId('export-path').innerText()).trim();
  expect(folder).toBe(path.join(process.env.WORKBENCH_HOME!, 'runs', RUN_ID, 'exports', 'onnx-int8'));
  await expect(page.getByTestId('export-reveal')).toHaveCount(0); // the desktop app's button; a browser downloads instead
  await page.screenshot({ path: 'test-results/screens/export-onnx.png', fullPage: true });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-download').click()]);
  expect(download.suggestedFilename()).toBe(`${RUN_ID}-onnx-int8.zip`);
  const entries = unzipSync(new Uint8Array(readFileSync(await download.path())));
  const names = Object.keys(entries).sort();
  expect(names).toEqual(['README.md', 'config.json', 'onnx/model.onnx', 'onnx/model_quantized.onnx', 'special_tokens_map.json', 'tokenizer.json', 'tokenizer_config.json', 'vocab.txt']);
  for (const name of names) expect(Buffer.from(entries[name]!).equals(readFileSync(path.join(folder, name))), name).toBe(true);
});
