// The pieces between the teacher pass and the loss: label order, rows as batch tensors,
// the on-disk cache (keyed by feature, checked against the teacher), and a trainer step
// with the distillation loss that leaks no tensors.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../tf';
import { presetConfig, withLabels, type BertConfig } from '../model/config';
import { BertModel } from '../model/model';
import { distillationTrainingLoss, labelPermutation, reorderLabels, teacherBatch } from './distillation';
import type { TrainingFeature } from './features';
import { parseTrainingSettings } from './settings';
import { featureKey, TeacherOutputsCache, TEACHER_OUTPUTS_DIR } from './teacher-cache-node';
import { teacherOutputs } from './teacher-pass';
import { Trainer } from './trainer';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const scratch = mkdtempSync(path.join(tmpdir(), 'distillation-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A two-layer model small enough for the cpu backend. */
function smallConfig(labels: string[]): BertConfig {
  const base = { ...presetConfig('bert-tiny'), vocab_size: 60, hidden_size: 16, num_attention_heads: 2, intermediate_size: 32, max_position_embeddings: 32, hidden_dropout_prob: 0, attention_probs_dropout_prob: 0 };
  return withLabels(base, labels);
}

const features: TrainingFeature[] = [
  { inputIds: [2, 10, 11, 3], label: 0 },
  { inputIds: [2, 12, 13, 14, 15, 3], label: 1 },
  { inputIds: [2, 16, 3, 0, 0], attentionMask: [1, 1, 1, 0, 0], label: -100 },
  { inputIds: [2, 17, 18, 19, 3], label: 2 },
];

describe('teacher outputs', () => {
  it('labelPermutation maps student ids to the teacher ids of the same names, and refuses other label sets', () => {
    expect(labelPermutation(['neg', 'pos'], ['pos', 'neg'])).toEqual([1, 0]);
    expect(() => labelPermutation(['neg', 'pos'], ['neg', 'neutral'])).toThrow("the teacher's labels are not the student's (the teacher lacks pos; the student lacks neutral)");
  });

  it('reorderLabels moves every token row\'s columns', () => {
    const row = { logits: Float32Array.from([1, 2, 3, 4, 5, 6]) }; // [2 tokens, 3 labels]
    expect([...reorderLabels(row, 'token-classification', [2, 0, 1]).logits!]).toEqual([3, 1, 2, 6, 4, 5]);
  });

  it('teacherBatch pads per-token rows to the batch length', async () => {
    const rows = [{ start_logits: Float32Array.from([1, 2]), end_logits: Float32Array.from([3, 4]) }, { start_logits: Float32Array.from([5, 6, 7]), end_logits: Float32Array.from([8, 9, 10]) }];
    const batch = teacherBatch('question-answering', rows, [2, 3], 3);
    expect(await batch.start_logits!.array()).toEqual([[1, 2, 0], [5, 6, 7]]);
    expect(await batch.end_logits!.array()).toEqual([[3, 4, 0], [8, 9, 10]]);
    tf.dispose(Object.values(batch));
  });

  it('a teacher pass gives each feature the logits of its own forward pass, whatever the batching', async () => {
    const teacher = BertModel.create(smallConfig(['a', 'b', 'c']), 'sequence-classification', { seed: 3 });
    const rows = await teacherOutputs(teacher, features, 3);
    for (const [i, feature] of features.entries()) {
      const single = await teacherOutputs(teacher, [feature], 1);
      expect(Math.max(...rows[i]!.logits!.map((v, c) => Math.abs(v - single[0]!.logits![c]!)))).toBeLessThan(1e-5);
    }
    teacher.dispose();
  });

  it('the cache returns what was stored, under each feature\'s key, and drops parts of another teacher or damaged ones', async () => {
    const runDir = path.join(scratch, 'run');
    const cache = new TeacherOutputsCache(runDir, 'teacher-a');
    const row = { logits: Float32Array.from([0.5, -1.25, 2]) };
    await cache.append(new Map([[featureKey(features[0]!), row]]));
    const loaded = await new TeacherOutputsCache(runDir, 'teacher-a').load();
    expect(loaded.discarded).toBe(0);
    expect([...loaded.rows.get(featureKey(features[0]!))!.logits!]).toEqual([0.5, -1.25, 2]);
    // The key follows the real tokens: trailing padding does not change it, another token does.
    expect(featureKey({ inputIds: [2, 10, 11, 3, 0], attentionMask: [1, 1, 1, 1, 0] })).toBe(featureKey({ inputIds: [2, 10, 11, 3], attentionMask: [1, 1, 1, 1] }));
    expect(featureKey(features[1]!)).not.toBe(featureKey(features[0]!));

    writeFileSync(path.join(runDir, TEACHER_OUTPUTS_DIR, 'part-00007.safetensors'), 'not a safetensors file');
    const other = await new TeacherOutputsCache(runDir, 'teacher-b').load();
    expect(other).toEqual({ rows: new Map(), discarded: 2 });
    expect(readdirSync(path.join(runDir, TEACHER_OUTPUTS_DIR))).toEqual([]);
  });
});

describe('training with the distillation loss', () => {
  it('alpha 1 trains exactly as the head loss does; alpha 0.5 differs; no tensor leaks', async () => {
    const config = smallConfig(['a', 'b', 'c']);
    const teacher = BertModel.create(config, 'sequence-classification', { seed: 9 });
    const rows = await teacherOutputs(teacher, features, 4);
    teacher.dispose();
    const settings = parseTrainingSettings({ max_steps: 3, batch_size: 2, learning_rate: 1e-2, seed: 5, warmup_steps: 0 });
    const losses = async (loss?: ReturnType<typeof distillationTrainingLoss>) => {
      const model = BertModel.create(config, 'sequence-classification', { seed: 1 });
      const seen: number[] = [];
      await new Trainer({ model, train: features, settings, ...(loss ? { loss } : {}), onEvent: (e) => e.type === 'step' && seen.push(e.loss) }).train();
      model.dispose();
      return seen;
    };
    const before = tf.memory().numTensors;
    const plain = await losses();
    const hardOnly = await losses(distillationTrainingLoss(features, { teacher: rows }, { temperature: 2, alpha: 1 }));
    const distilled = await losses(distillationTrainingLoss(features, { teacher: rows }, { temperature: 2, alpha: 0.5 }));
    expect(tf.memory().numTensors).toBe(before);
    expect(hardOnly).toHaveLength(3);
    hardOnly.forEach((loss, i) => expect(loss).toBeCloseTo(plain[i]!, 6));
    expect(Math.abs(distilled[0]! - plain[0]!)).toBeGreaterThan(1e-4);
  });

  it('refuses teacher rows that do not match the features', () => {
    expect(() => distillationTrainingLoss(features, { teacher: [] }, { temperature: 2, alpha: 0.5 })).toThrow('there are teacher outputs for 0 examples but 4 training examples');
  });
});
