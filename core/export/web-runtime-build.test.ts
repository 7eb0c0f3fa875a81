// The export page's runtime is the core's own code: esbuild's metafile lists the core's
// tokenizer, encoder and heads among its inputs, and neither TensorFlow.js (the page's
// tf.min.js is used) nor anything of Node; the built app reads the bundle that
// build:electron wrote, with the same text.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { evaluateBertRuntime } from './tfjs-runtime-node';
import { TFJS_FORMAT } from './tfjs-format';
import { bundleWebRuntime, RUNTIME_FILE, STATIC_PAGE_FILES, webRuntimeSource, writeWebPage } from './web-runtime-build.mjs';

const bundle = bundleWebRuntime();
const scratch = mkdtempSync(join(tmpdir(), 'bert-web-runtime-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the bundled page runtime', () => {
  it("is built from the core's tokenizer, encoder and heads, and contains neither TensorFlow.js nor Node", async () => {
    const { code, metafile } = await bundle;
    const inputs = Object.keys(metafile.inputs);
    for (const core of ['core/tokenizer/bert-tokenizer.ts', 'core/tokenizer/wordpiece.ts', 'core/model/encoder.ts', 'core/model/model.ts', 'core/model/prediction.ts']) expect(inputs).toContain(core);
    for (const head of ['sequence-classification', 'token-classification', 'question-answering', 'pretraining']) expect(inputs).toContain(`core/model/heads/${head}.ts`);
    // core/tf.ts is the page's `tf`; nothing else comes from outside the core.
    expect(inputs.filter((input) => !input.startsWith('core/'))).toEqual(['page-tf:tf']);
    expect(inputs).not.toContain('core/tf.ts');
    expect(inputs.filter((input) => /-node\.ts$|\.mjs$|binding|native-cpu-node|\.node$/.test(input))).toEqual([]);
    expect(code).not.toMatch(/@tensorflow|require\("node:|from "node:/);
    // The core's code, not TensorFlow.js: tens of kilobytes, where tf.min.js is over a megabyte.
    expect(code.length).toBeLessThan(150_000);
  });

  it('says to load tf.min.js first when the page has no TensorFlow.js', async () => {
    const { code } = await bundle;
    expect(() => new Function(code)()).toThrow(/load tf\.min\.js before it/);
  });

  it('is what the built app reads: build:electron writes it beside the static page files', async () => {
    const dir = join(scratch, 'web');
    await writeWebPage(dir);
    expect(readdirSync(dir).sort()).toEqual([...STATIC_PAGE_FILES, RUNTIME_FILE].sort());
    const written = await webRuntimeSource(dir);
    expect(written).toBe((await bundle).code);
    expect(evaluateBertRuntime(written, dir).FORMAT).toBe(TFJS_FORMAT);
  });
});
