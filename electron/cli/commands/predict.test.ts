// `bert-workbench predict` end to end: the binary on pre-tokenized reference inputs gives
// the reference logits on cpu and wasm; text inputs go through the folder's tokenizer.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readReferenceForward, REFERENCE_HEADS, referenceCheckpointDir } from '../../../core/model/testing';
import type { CliIO } from '../command';
import { runCli } from '../main';
import { maxAbsDiff } from '../../../core/metrics/differences';

const run = promisify(execFile);
const reference = readReferenceForward();
const repoRoot = join(import.meta.dirname, '..', '..', '..');
let scratch: string;
let tokenizedInput: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'bert-predict-'));
  tokenizedInput = join(scratch, 'tokenized.jsonl');
  const { input_ids, token_type_ids, attention_mask } = reference.inputs;
  writeFileSync(tokenizedInput, input_ids.map((ids, b) => JSON.stringify({ input_ids: ids, token_type_ids: token_type_ids[b], attention_mask: attention_mask[b] }) + '\n').join(''));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function capture(): CliIO & { out: string; err: string } {
  const io = { out: '', err: '', isTTY: false, stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

describe.each(['cpu', 'wasm'])('bert-workbench predict on %s', (backend) => {
  it.each(REFERENCE_HEADS)('%s gives the reference logits', async (head) => {
    const output = join(scratch, `${backend}-${head}.jsonl`);
    const { stderr } = await run(process.execPath, ['bin/bert-workbench.mjs', 'predict', '--model', referenceCheckpointDir(head), '--input', tokenizedInput, '--output', output, '--batch-size', '2'], {
      cwd: repoRoot,
      env: { ...process.env, WORKBENCH_BACKEND: backend },
    });
    expect(stderr).toContain(`backend: ${backend}`);
    const lines = readFileSync(output, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.map((l) => l.line)).toEqual([1, 2, 3]);
    const expected = reference.checkpoints[head]!.outputs;
    for (const name of Object.keys(expected).filter((n) => n.endsWith('logits'))) {
      expect(maxAbsDiff(lines.map((l) => l[name]), expected[name]), name).toBeLessThan(reference.tolerance.abs);
    }
    expect(lines[0]!.prediction).toBeDefined();
  });
});

describe('bert-workbench predict (in process)', () => {
  beforeAll(() => {
    process.env.WORKBENCH_BACKEND = 'cpu';
  });

  async function predict(head: (typeof REFERENCE_HEADS)[number], lines: unknown[]): Promise<{ code: number; out: Record<string, unknown>[]; err: string }> {
    const input = join(scratch, `${head}-text.jsonl`);
    writeFileSync(input, lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l)) + '\n').join(''));
    const io = capture();
    const code = await runCli(['predict', '--model', referenceCheckpointDir(head), '--input', input], io);
    const out = io.out.trim() === '' ? [] : io.out.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    return { code, out, err: io.err };
  }

  it('classifies text and text pairs with label names', async () => {
    const { code, out } = await predict('sequence-classification', [{ text: 'a good movie' }, { text: 'the plot', text_pair: 'was terrible' }]);
    expect(code).toBe(0);
    expect(out).toHaveLength(2);
    const prediction = out[1]!.prediction as { label: string; label_id: number; score: number };
    expect(['negative', 'neutral', 'positive']).toContain(prediction.label);
    expect((out[1]!.logits as number[]).length).toBe(3);
  });

  it('labels every word of a token list, and finds an answer span in the context', async () => {
    const ner = await predict('token-classification', [{ tokens: ['john', 'smith', 'caught', 'fishing'] }]);
    expect((ner.out[0]!.prediction as { words: { word: string }[] }).words.map((w) => w.word)).toEqual(['john', 'smith', 'caught', 'fishing']);
    const qa = await predict('question-answering', [{ question: 'who caught fish?', context: 'john smith caught fish in paris' }]);
    const answer = (qa.out[0]!.prediction as { answer: string }).answer;
    expect('john smith caught fish in paris').toContain(answer);
    expect(answer.length).toBeGreaterThan(0);
  });

  it('names every bad line and predicts nothing', async () => {
    const { code, out, err } = await predict('sequence-classification', [{ input_ids: [2, 'x', 3] }, '{oops', { input_ids: [2, 999, 3] }, { text: 'fine' }, { foo: 1 }]);
    expect(code).toBe(1);
    expect(out).toEqual([]);
    expect(err).toContain('sequence-classification-text.jsonl line 1: input_ids must be an array of integers');
    expect(err).toContain('line 2: malformed JSON');
    expect(err).toContain('line 5: expected input_ids, text (+ text_pair), tokens, or question + context');
    // Lines that parse are then checked against the model.
    const range = await predict('sequence-classification', [{ input_ids: [2, 999, 3] }]);
    expect(range.err).toContain('line 1: input_ids contains 999, outside the vocabulary of 143');
  });
});
