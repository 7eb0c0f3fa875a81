// The pre-training reference run, shared by its test and by the script that records the
// batches PyTorch replays (scripts/pretraining_reference.py): the reference checkpoint
// trained on a small corpus with masked LM + next-sentence prediction, configured as the
// New run form sends it (only the settings that differ from the defaults), parsed by the
// service and set up like any run. The model records every batch it is given.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REFERENCE_DIR, referenceCheckpointDir } from '../../core/model/testing';
import type { StepEvent } from '../../core/train/events';
import { Trainer } from '../../core/train/trainer';
import { checkedRunConfig } from '../service/training';
import { setUpRun } from './training-setup';

/** One batch as the model saw it: the masked inputs and both label tensors. */
export interface RecordedBatch {
  input_ids: number[][];
  token_type_ids: number[][];
  attention_mask: number[][];
  labels: number[][];
  next_sentence_label: number[];
}

export interface ReferenceRunRecord {
  config: Record<string, unknown>;
  batches: RecordedBatch[];
  steps: { step: number; loss: number; learning_rate: number; grad_norm: number }[];
}

/** Documents of the reference vocabulary's words, a sentence per line, blank lines between documents. */
export const REFERENCE_CORPUS = [
  ['john smith caught fish in the river', 'the fish was very good', 'mary bought shoes in paris'],
  ['this movie is good', 'the actors are great', 'i love the story', 'the plot is so good'],
  ['paris is the capital of france', 'london is a city', 'the river is in the city'],
  ['this film is terrible', 'the plot is bad', 'i hate this movie'],
  ['cars need fuel', 'rain fell on the cars', 'the bank is not in the city', 'money is in the bank'],
  ['what is the capital of france', 'who caught fish while fishing', 'when was the rain'],
]
  .map((sentences) => sentences.join('\n'))
  .join('\n\n');

/** The form's config: task, model, data, and the training settings a person changed. */
export function referenceRunInput(corpusFile: string): Record<string, unknown> {
  return {
    task: 'mlm',
    model: { checkpoint: referenceCheckpointDir('pretraining') },
    data: { train: corpusFile },
    training: { max_steps: 8, batch_size: 4, learning_rate: 1e-3, warmup_steps: 2, max_seq_length: 24, validation_split_percentage: 0, seed: 7 },
  };
}

export async function recordReferenceRun(): Promise<ReferenceRunRecord> {
  const dir = mkdtempSync(path.join(tmpdir(), 'pretraining-reference-'));
  try {
    const corpus = path.join(dir, 'corpus.txt');
    writeFileSync(corpus, REFERENCE_CORPUS + '\n');
    const input = referenceRunInput(corpus);
    const config = checkedRunConfig(input);
    const setup = await setUpRun(config);
    const batches: RecordedBatch[] = [];
    const loss = setup.model.loss.bind(setup.model);
    setup.model.loss = (inputs, labels, options) => {
      const rows = (tensor: { arraySync(): unknown } | undefined) => tensor?.arraySync() as number[][];
      batches.push({
        input_ids: rows(inputs.inputIds),
        token_type_ids: rows(inputs.tokenTypeIds),
        attention_mask: rows(inputs.attentionMask),
        labels: rows(labels.labels),
        next_sentence_label: labels.next_sentence_label?.arraySync() as number[],
      });
      return loss(inputs, labels, options);
    };
    const steps: ReferenceRunRecord['steps'] = [];
    const trainer = new Trainer({
      model: setup.model,
      train: setup.train,
      settings: config.training,
      ...(setup.maskTokens ? { maskTokens: setup.maskTokens } : {}),
      onEvent: (event) => {
        if (event.type === 'step') steps.push(stepOf(event));
      },
    });
    await trainer.train();
    setup.model.dispose();
    // Paths as the recording names them (relative to the reference folder), so that it reads the same from any checkout.
    return { config: { ...input, model: { checkpoint: path.relative(REFERENCE_DIR, referenceCheckpointDir('pretraining')) }, data: { train: 'corpus.txt' } }, batches, steps };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function stepOf(event: StepEvent) {
  return { step: event.step, loss: event.loss, learning_rate: event.learning_rate, grad_norm: event.grad_norm };
}
