// The TF.js export in Chromium: the CLI exports runs (the reference classifier and masked LM), a static
// server on 127.0.0.1 serves the folder, and the exported page — typed into like a person
// would — shows the prediction and logits the app computes (bert-workbench predict),
// within 1e-4 for float32 and the stated tolerance for uint8, without any other network.
// Opened from file://, the page loads the files a person picks. The page's runtime is the
// core's own modules, bundled (core/export/web-runtime-build.mjs): a pre-training export
// fills in a typed [MASK] with the token the app's fill-mask ranks first.
import { expect, test, type Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { maxAbsDiff } from '../core/metrics/differences';
import { bundleWebRuntime, RUNTIME_FILE } from '../core/export/web-runtime-build.mjs';

const run = promisify(execFile);
const repoRoot = path.resolve('.');
const checkpoints = path.join(repoRoot, 'core', 'testdata', 'bert-reference', 'checkpoints');
const SENTENCE = 'The movie was great, I really love this film!';
const MASKED = 'John caught [MASK] in the river.';
const env = { ...process.env, WORKBENCH_BACKEND: 'cpu' };

let scratch: string;
let server: Server;
let base: string;
let expected: { logits: number[]; label: string };
let expectedFill: string;
const tolerance: Record<string, number> = {};

async function cli(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, ['bin/bert-workbench.mjs', ...args], { cwd: repoRoot, env });
  return stdout;
}

const CONTENT_TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json', '.txt': 'text/plain', '.bin': 'application/octet-stream' };

/** A finished run of the reference checkpoint `checkpoint`, as the app keeps it. */
function referenceRun(id: string, checkpoint: string, task: string): string {
  const runDir = path.join(scratch, 'runs', id);
  mkdirSync(path.join(runDir, 'model'), { recursive: true });
  for (const file of ['config.json', 'model.safetensors', 'vocab.txt', 'tokenizer_config.json']) copyFileSync(path.join(checkpoints, checkpoint, file), path.join(runDir, 'model', file));
  const record = { id, name: id, status: 'completed', config: { task, model: { preset: 'bert-tiny' } }, created_at: new Date().toISOString(), origin: 'app' };
  writeFileSync(path.join(runDir, 'run.json'), JSON.stringify(record));
  return runDir;
}

test.beforeAll(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), 'wb-tfjs-e2e-'));
  const runDir = referenceRun('sentiment', 'sequence-classification', 'classification');
  const mlmRun = referenceRun('mlm', 'pretraining', 'mlm');

  const site = path.join(scratch, 'site');
  for (const [name, run, extra] of [['f32', runDir, []], ['u8', runDir, ['--quantize', 'u8']], ['mlm', mlmRun, []]] as const) {
    const stdout = await cli('export', '--run', run, '--format', 'tfjs', '--out', path.join(site, name), ...extra);
    expect(stdout).toMatch(/parity: \d+ examples, .*: ok/);
    tolerance[name] = Number(/tolerance (\S+)\)/.exec(stdout)![1]);
  }
  const fill = JSON.parse(await cli('fill-mask', '--model', path.join(mlmRun, 'model'), '--json', MASKED)) as { masks: { candidates: { token: string }[] }[] };
  expectedFill = fill.masks[0]!.candidates[0]!.token;

  // The app's own answer for the sentence.
  const input = path.join(scratch, 'input.jsonl');
  writeFileSync(input, JSON.stringify({ text: SENTENCE }) + '\n');
  const line = JSON.parse(await cli('predict', '--model', path.join(runDir, 'model'), '--input', input)) as { logits: number[]; prediction: { label: string } };
  expected = { logits: line.logits, label: line.prediction.label };

  server = createServer((req, res) => {
    const file = path.join(site, decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    if (!file.startsWith(site)) return void res.writeHead(403).end();
    try {
      const body = readFileSync(file);
      res.writeHead(200, { 'content-type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  rmSync(scratch, { recursive: true, force: true });
});

async function predictOnPage(page: Page): Promise<{ logits: number[]; prediction: string }> {
  await page.getByTestId('text').fill(SENTENCE);
  await page.getByTestId('predict').click();
  await expect(page.getByTestId('logits')).not.toBeEmpty();
  const outputs = JSON.parse((await page.getByTestId('logits').textContent())!) as { logits: number[] };
  return { logits: outputs.logits, prediction: (await page.getByTestId('prediction').textContent())! };
}


for (const name of ['f32', 'u8'] as const) {
  test(`the ${name} export runs in the browser with the app's logits, offline`, async ({ page }) => {
    const elsewhere: string[] = [];
    page.on('request', (request) => {
      if (!request.url().startsWith(base)) elsewhere.push(request.url());
    });
    await page.goto(`${base}/${name}/index.html`);
    await expect(page.getByTestId('status')).toContainText('Ready', { timeout: 60_000 });
    await expect(page.getByTestId('status')).toContainText(name === 'f32' ? 'weights float32' : 'weights uint8');
    const { logits, prediction } = await predictOnPage(page);
    const diff = maxAbsDiff(logits, expected.logits);
    expect(diff).toBeLessThanOrEqual(name === 'f32' ? 1e-4 : tolerance[name]!);
    expect(prediction).toContain(expected.label);
    expect(await page.getByTestId('tokens').textContent()).toContain('[CLS] the movie was great ,');
    expect(elsewhere).toEqual([]);
    await page.screenshot({ path: `test-results/screens/tfjs-export-${name}.png`, fullPage: true });
  });
}

test("the page runs the core's own code: a pre-training export fills in [MASK] as the app does", async ({ page }) => {
  const exported = readFileSync(path.join(scratch, 'site', 'mlm', RUNTIME_FILE), 'utf8');
  expect(exported).toBe((await bundleWebRuntime()).code);
  await page.goto(`${base}/mlm/index.html`);
  await expect(page.getByTestId('status')).toContainText('Ready', { timeout: 60_000 });
  await page.getByTestId('text').fill(MASKED);
  await page.getByTestId('predict').click();
  await expect(page.getByTestId('prediction')).toHaveText(expectedFill);
  expect(await page.getByTestId('tokens').textContent()).toContain('[CLS] john caught [MASK] in the river . [SEP]');
  await page.screenshot({ path: 'test-results/screens/tfjs-export-mlm.png', fullPage: true });
});

test('opened from file://, the page loads the files a person picks', async ({ page }) => {
  const dir = path.join(scratch, 'site', 'f32');
  await page.goto(`file://${path.join(dir, 'index.html')}`);
  await expect(page.getByTestId('status')).toContainText('Pick the export');
  await page.getByTestId('files').setInputFiles(readdirSync(dir).map((f) => path.join(dir, f)));
  await expect(page.getByTestId('status')).toContainText('Ready', { timeout: 60_000 });
  const { logits } = await predictOnPage(page);
  expect(maxAbsDiff(logits, expected.logits)).toBeLessThanOrEqual(1e-4);
});
