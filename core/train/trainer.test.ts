// The trainer against PyTorch: the 12-step fine-tuning run of the reference fixture
// (freeze_embeddings + freeze_layers 1, warmup 3, linear decay, AdamW, clipping) gives
// every step's loss, learning rate and pre-clip gradient norm, and the final logits, on
// every backend the model runs on (native-cpu's fused kernels included). And a run owns
// every tensor it makes.
import { afterAll, describe, expect, it } from 'vitest';
import * as tf from '../tf';
import { loadHfModel } from '../checkpoint/hf-folder-node';
import { presetConfig, withLabels } from '../model/config';
import { BertModel } from '../model/model';
import { disposeInputs, referenceCheckpointDir, toModelInputs } from '../model/testing';
import { modelTestBackends } from '../native-cpu/test-backends-node';
import { classificationEvaluation } from './evaluation';
import type { StepEvent, TrainerEvent } from './events';
import { parseTrainingSettings } from './settings';
import { MemoryCheckpointSink, readReferenceRun, referenceFeatures, referenceTrainingInput } from './testing';
import { Trainer } from './trainer';
import { maxAbsDiff } from '../metrics/differences';

const run = readReferenceRun();
const maxErrors = new Map<string, { loss: number; logits: number }>();

afterAll(() => {
  for (const [backend, errors] of maxErrors) console.log(`reference trajectory on ${backend}: max relative loss error ${errors.loss.toExponential(2)}, max logit error ${errors.logits.toExponential(2)}`);
});

describe.each(modelTestBackends())('reference fine-tuning run on %s', (backend) => {
  it('reproduces every step and the final logits', async () => {
    await tf.setBackend(backend);
    const { model } = await loadHfModel(referenceCheckpointDir('sequence-classification'));
    const events: TrainerEvent[] = [];
    const trainer = new Trainer({ model, train: referenceFeatures(run), settings: parseTrainingSettings(referenceTrainingInput(run)), onEvent: (e) => events.push(e) });
    expect(trainer.plan).toMatchObject({ batchesPerEpoch: 3, totalSteps: 12 });
    const result = await trainer.train();
    expect(result).toMatchObject({ status: 'completed', globalStep: 12 });

    const steps = events.filter((e): e is StepEvent => e.type === 'step');
    expect(steps.map((s) => s.step)).toEqual(run.steps.map((s) => s.step));
    let lossError = 0;
    steps.forEach((actual, i) => {
      const expected = run.steps[i]!;
      lossError = Math.max(lossError, Math.abs(actual.loss - expected.loss) / expected.loss);
      expect(actual.learning_rate, `step ${expected.step}`).toBe(expected.learning_rate);
      expect(actual.grad_norm, `step ${expected.step}`).toBeCloseTo(expected.grad_norm, 3);
    });
    expect(lossError).toBeLessThan(2e-3);
    expect(steps.at(-1)!.epoch).toBe(4);

    const inputs = toModelInputs(run.batches[0]!);
    const outputs = model.forward(inputs, { training: false });
    const logitsError = maxAbsDiff(await outputs.logits!.array(), run.final_outputs_on_batch_0.logits);
    expect(logitsError).toBeLessThan(2e-3);
    maxErrors.set(backend, { loss: lossError, logits: logitsError });
    tf.dispose(outputs);
    disposeInputs(inputs);
    model.dispose();
  });
});

describe.each(modelTestBackends())('tensor ownership on %s', (backend) => {
  it('leaves no tensor behind after training, evaluating and checkpointing', async () => {
    await tf.setBackend(backend);
    const before = tf.memory().numTensors;
    const config = withLabels({ ...presetConfig('bert-tiny'), vocab_size: 150, hidden_size: 32, intermediate_size: 64, max_position_embeddings: 32 }, ['no', 'yes']);
    const model = BertModel.create(config, 'sequence-classification', { seed: 1 });
    const features = referenceFeatures(run).map((f) => ({ ...f, label: f.label! % 2 }));
    const settings = parseTrainingSettings({ max_steps: 5, batch_size: 3, gradient_accumulation_steps: 2, eval_steps: 2, save_steps: 2, dropout: 0.1, load_best_model_at_end: true, learning_rate: 1e-3 });
    const result = await new Trainer({ model, train: features, evaluation: classificationEvaluation(features.slice(0, 5), ['no', 'yes']), settings, checkpoints: new MemoryCheckpointSink() }).train();
    expect(result.status).toBe('completed');
    expect(result.finalMetrics?.eval_accuracy).toBeGreaterThanOrEqual(0);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
