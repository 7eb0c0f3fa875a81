// `bert-workbench export` in process: the files and the parity verdict on stdout, one-line
// errors (exit 1) and usage errors (exit 2).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../../core/backend/node-backends';
import { loadHfModel, saveHfModel } from '../../../core/checkpoint/hf-folder-node';
import { referenceCheckpointDir } from '../../../core/model/testing';
import { RunStore } from '../../runs/run-store';
import type { CliIO } from '../command';
import { runCli } from '../main';

let scratch: string;
let runDir: string;

function capture(isTTY = false): CliIO & { out: string; err: string } {
  const io = { out: '', err: '', isTTY, stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

beforeAll(async () => {
  process.env.WORKBENCH_BACKEND = 'cpu';
  await initNodeBackend();
  scratch = mkdtempSync(path.join(tmpdir(), 'bert-cli-export-'));
  const store = new RunStore(path.join(scratch, 'runs'));
  const record = await store.create({ name: 'cli export', config: { task: 'classification', model: { preset: 'bert-tiny' } }, id: 'cli-export' });
  const { model, tokenizer } = await loadHfModel(referenceCheckpointDir('sequence-classification'));
  await saveHfModel(path.join(store.dir(record.id), 'model'), model, tokenizer);
  model.dispose();
  runDir = store.dir(record.id);
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('bert-workbench export', () => {
  it('exports for TF.js and prints the files and the parity verdict', async () => {
    const io = capture();
    const out = path.join(scratch, 'web');
    expect(await runCli(['export', '--run', runDir, '--format', 'tfjs', '--quantize', 'f16', '--out', out], io)).toBe(0);
    expect(io.out).toContain(`exported a TensorFlow.js model (f16 weights) to ${out}`);
    expect(io.out).toContain('  model.json\n');
    expect(io.out).toMatch(/parity: 3 examples, max \|diff\| \S+ \(tolerance \S+\): ok/);
    expect(io.err).toContain('backend: cpu');
  });

  it('exports for ONNX Runtime with int8 weights beside float32, and prints both parity verdicts', async () => {
    const io = capture();
    expect(await runCli(['export', '--run', runDir, '--format', 'onnx', '--quantize', 'int8'], io)).toBe(0);
    expect(io.out).toContain(`exported an ONNX model for ONNX Runtime and transformers.js (int8 weights) to ${path.join(runDir, 'exports', 'onnx-int8')}`);
    expect(io.out).toContain('  onnx/model.onnx\n');
    expect(io.out).toContain('  onnx/model_quantized.onnx\n');
    expect(io.out).toContain('  tokenizer.json\n');
    expect(io.out).toMatch(/\nparity: 3 examples, max \|diff\| \S+ \(tolerance 1.00e-4\): ok/);
    expect(io.out).toMatch(/\nparity \(int8\): 3 examples, max \|diff\| \S+ \(tolerance \S+\): ok/);
  });

  it('exports a Hugging Face folder into the run by default', async () => {
    const io = capture();
    expect(await runCli(['export', '--run', runDir, '--format', 'hf'], io)).toBe(0);
    expect(io.out).toContain(`to ${path.join(runDir, 'exports', 'hf')}`);
    expect(io.out).toContain('  README.md\n');
    expect(io.out).toContain('max |diff| 0.00e+0 (tolerance 1.00e-4): ok');
  });

  it('answers mistakes with one line: exit 2 for usage, 1 for the rest', async () => {
    const cases: [string[], number, string][] = [
      [['export', '--format', 'hf'], 2, '--run DIR is required'],
      [['export', '--run', runDir, '--format', 'coreml'], 2, '--format must be one of hf, tfjs, onnx'],
      [['export', '--run', runDir, '--format', 'hf', '--quantize', 'u8'], 2, '--quantize does not apply to the hf format'],
      [['export', '--run', runDir, '--format', 'tfjs', '--quantize', 'int4'], 2, '--quantize for the tfjs format must be f16 or u8, got "int4"'],
      [['export', '--run', runDir, '--format', 'onnx', '--quantize', 'u8'], 2, '--quantize for the onnx format must be int8, got "u8"'],
      [['export', '--run', scratch, '--format', 'hf'], 1, `${scratch} is not a run folder (it has no run.json)`],
    ];
    for (const [args, code, message] of cases) {
      const io = capture();
      expect(await runCli(args, io), args.join(' ')).toBe(code);
      expect(io.err).toContain(message);
      expect(io.err.trim().split('\n').length).toBeLessThanOrEqual(2); // the message (and the usage line)
    }
  });
});
