// The core computes what Hugging Face Transformers computes: every reference checkpoint's
// outputs for the reference inputs, within 1e-4, on cpu, on wasm and on native-cpu where built.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../tf';
import { modelTestBackends } from '../native-cpu/test-backends-node';
import { loadHfModel } from '../checkpoint/hf-folder-node';
import { disposeInputs, readReferenceForward, REFERENCE_HEADS, referenceCheckpointDir, toModelInputs } from './testing';
import { maxAbsDiff } from '../metrics/differences';

const reference = readReferenceForward();

describe.each(modelTestBackends())('reference outputs on %s', (backend) => {
  beforeAll(async () => {
    expect(await tf.setBackend(backend)).toBe(true);
  });

  it.each(REFERENCE_HEADS)('%s', async (head) => {
    const { model, report } = await loadHfModel(referenceCheckpointDir(head));
    expect(report.head).toBe(head);
    expect(report.initialised).toEqual([]);
    const inputs = toModelInputs(reference.inputs);
    const before = tf.memory().numTensors;
    const outputs = model.forward(inputs, { training: false });
    const expected = reference.checkpoints[head]!.outputs;
    expect(Object.keys(outputs).sort()).toEqual(Object.keys(expected).sort());
    for (const [name, values] of Object.entries(expected)) {
      expect(maxAbsDiff(await outputs[name]!.array(), values), name).toBeLessThan(reference.tolerance.abs);
    }
    tf.dispose(outputs);
    expect(tf.memory().numTensors).toBe(before);
    disposeInputs(inputs);
    model.dispose();
  });
});
