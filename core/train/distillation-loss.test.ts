// The distillation loss and its gradient equal PyTorch's on fixed logits, within 1e-5:
// KL with temperature, the T² factor, -100 positions left out, masked QA padding. The
// numbers come from core/testdata/distillation/make_reference.py (PyTorch 1.13, float64).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../tf';
import { presetConfig, withLabels } from '../model/config';
import { headFor } from '../model/heads/registry';
import type { HeadName } from '../model/layout';

import { modelTestBackends } from '../native-cpu/test-backends-node';
import { distillationLoss, softTargetKl } from './distillation-loss';
import { maxAbsDiff } from '../metrics/differences';

type Nested = number | Nested[];

interface ReferenceCase {
  head: HeadName;
  temperature: number;
  alpha: number;
  num_labels?: number;
  attention_mask?: number[][];
  token_mask?: number[][];
  student: Record<string, Nested>;
  teacher: Record<string, Nested>;
  labels: Record<string, Nested>;
  loss: number;
  kl: number;
  grad: Record<string, Nested>;
}

const reference = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', 'testdata', 'distillation', 'reference.json'), 'utf8')) as { tolerance: number; cases: ReferenceCase[] };

function caseInputs(c: ReferenceCase) {
  const first = Object.values(c.student)[0] as number[][];
  const [B, T] = [first.length, (c.attention_mask?.[0] ?? first[0]!).length];
  const attention = c.attention_mask ?? Array.from({ length: B }, () => new Array<number>(T).fill(1));
  return {
    inputIds: tf.zeros([B, T], 'int32') as tf.Tensor2D,
    tokenTypeIds: tf.zeros([B, T], 'int32') as tf.Tensor2D,
    attentionMask: tf.tensor2d(attention, [B, T], 'int32'),
  };
}

describe.each(modelTestBackends())('distillation loss against PyTorch on %s', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
  });

  it.each(reference.cases.map((c) => [`${c.head} T=${c.temperature} alpha=${c.alpha}`, c] as const))('%s', async (_name, c) => {
    const before = tf.memory().numTensors;
    const labelNames = Array.from({ length: c.num_labels ?? 2 }, (_, i) => `L${i}`);
    const config = withLabels(presetConfig('bert-tiny'), labelNames);
    const inputs = caseInputs(c);
    const names = Object.keys(c.student);
    const students = names.map((name) => {
      const initial = tf.tensor(c.student[name] as number[], undefined, 'float32');
      const variable = tf.variable(initial, true, `student_${name}_${Math.random()}`);
      initial.dispose();
      return variable;
    });
    const teacher = Object.fromEntries(Object.entries(c.teacher).map(([name, v]) => [name, tf.tensor(v as number[], undefined, 'float32')]));
    const labels = Object.fromEntries(Object.entries(c.labels).map(([name, v]) => [name, tf.tensor(v as number[], undefined, c.head === 'sequence-classification' ? 'float32' : 'int32')]));
    const tokenMask = c.token_mask ? tf.tensor2d(c.token_mask, undefined, 'int32') : undefined;

    const { value, grads } = tf.variableGrads(
      () =>
        distillationLoss(
          {
            head: headFor(c.head),
            config,
            inputs,
            student: Object.fromEntries(names.map((name, i) => [name, students[i]!])),
            teacher,
            labels,
            ...(tokenMask ? { tokenMask } : {}),
          },
          { temperature: c.temperature, alpha: c.alpha },
        ),
      students,
    );
    expect(Math.abs((await value.data())[0]! - c.loss)).toBeLessThan(reference.tolerance);
    for (const [i, name] of names.entries()) {
      const grad = grads[students[i]!.name]!;
      expect(maxAbsDiff(await grad.array(), c.grad[name]), `d loss / d ${name}`).toBeLessThan(reference.tolerance);
    }
    tf.dispose([value, ...Object.values(grads), ...students, ...Object.values(teacher), ...Object.values(labels), inputs.inputIds, inputs.tokenTypeIds, inputs.attentionMask]);
    if (tokenMask) tokenMask.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('softTargetKl is T² · batchmean KL, zero when student and teacher agree', async () => {
    const c = reference.cases.find((x) => x.head === 'sequence-classification')!;
    const student = tf.tensor2d(c.student.logits as number[][]);
    const teacher = tf.tensor2d(c.teacher.logits as number[][]);
    const ones = tf.ones([student.shape[0]]) as tf.Tensor1D;
    const kl = softTargetKl(student, teacher, ones, c.temperature);
    const same = softTargetKl(teacher, teacher, ones, c.temperature);
    expect(Math.abs((await kl.data())[0]! - c.kl)).toBeLessThan(reference.tolerance);
    expect(Math.abs((await same.data())[0]!)).toBeLessThan(1e-6);
    tf.dispose([student, teacher, ones, kl, same]);
  });

  it('refuses a head without logits to soften', () => {
    const config = presetConfig('bert-tiny');
    const x = tf.zeros([1, 2]) as tf.Tensor2D;
    const inputs = { inputIds: x, tokenTypeIds: x, attentionMask: x };
    expect(() => distillationLoss({ head: headFor('pretraining'), config, inputs, student: {}, teacher: {}, labels: {} }, { temperature: 2, alpha: 0.5 })).toThrow(/pretraining head cannot be distilled/);
    x.dispose();
  });
});
