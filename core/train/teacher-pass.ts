// The teacher's outputs on training features: one forward pass without dropout, in
// batches of similar length (padding changes no output, so sorting by length only saves
// compute), each row cut to its feature's real length.
import * as tf from '../tf';
import type { BertModel } from '../model/model';
import { isDistillableHead } from './distillation-loss';
import { DISTILLED_OUTPUTS, type TeacherRow } from './distillation';
import { collate, disposeBatch } from './batching';
import { realLength, type TrainingFeature } from './features';

/** Rows in the order of `features`; leaves no tensors behind. */
export async function teacherOutputs(teacher: BertModel, features: readonly TrainingFeature[], batchSize: number): Promise<TeacherRow[]> {
  const head = teacher.headName;
  if (!isDistillableHead(head)) throw new Error(`the teacher's ${head} head cannot teach: it has no class or position logits`);
  const names = DISTILLED_OUTPUTS[head];
  const order = features.map((_, i) => i).sort((a, b) => realLength(features[a]!) - realLength(features[b]!));
  const rows = new Array<TeacherRow>(features.length);
  for (let start = 0; start < order.length; start += batchSize) {
    const indices = order.slice(start, start + batchSize);
    const picked = indices.map((i) => features[i]!);
    const batch = collate(picked, head, teacher.config.pad_token_id, { labels: false });
    const outputs = teacher.forward(batch.inputs, { training: false });
    try {
      const T = batch.inputs.inputIds.shape[1];
      const read: Record<string, Float32Array> = {};
      for (const name of names) read[name] = (await outputs[name]!.data()) as Float32Array;
      picked.forEach((feature, b) => {
        const L = realLength(feature);
        const row: TeacherRow = {};
        for (const name of names) {
          const values = read[name]!;
          const perExample = values.length / picked.length; // C, T·C or T
          // Per-token outputs: the first L of the T positions, each `width` wide.
          const width = head === 'sequence-classification' ? perExample : perExample / T;
          const length = head === 'sequence-classification' ? perExample : L * width;
          row[name] = values.slice(b * perExample, b * perExample + length);
        }
        rows[indices[b]!] = row;
      });
    } finally {
      tf.dispose(Object.values(outputs));
      disposeBatch(batch);
    }
  }
  return rows;
}
