// The ONNX export of trained runs, judged by the consumers people deploy with, which nobody
// here wrote: ONNX Runtime (onnxruntime-node) and transformers.js (@huggingface/transformers,
// offline, from the export folder alone).
//
// The runs are trained here, through the app's own training jobs:
// - SST-2 sentiment: a small BERT (2 layers, hidden 64, the first 8,000 tokens of the
//   bert-base-uncased vocabulary) from random initialisation, 100 steps of batch 32 on the
//   sample's 2,000 training sentences; it reaches ~0.68 accuracy on the 872 dev sentences.
//   The int8 file must stay within 1 point of float32 there.
// - NER, QA and masked-LM pre-training: the reference checkpoints trained on small data
//   sets in their vocabulary.
// Then transformers.js' text-classification, token-classification (aggregated entities)
// and question-answering pipelines must give the playground's labels, entity spans and
// answers (electron/predict/text-predictor.ts) on the same inputs.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { env, pipeline } from '@huggingface/transformers';
import { initNodeBackend } from '../../core/backend/node-backends';
import { saveHfModel } from '../../core/checkpoint/hf-folder-node';
import { presetConfig, type BertConfig } from '../../core/model/config';
import { argmax, labelName, softmax } from '../../core/model/heads/task-head';
import { BertModel } from '../../core/model/model';
import { referenceCheckpointDir } from '../../core/model/testing';
import { ONNX_MODEL_FILE, ONNX_QUANTIZED_MODEL_FILE } from '../../core/export/onnx-export';
import { openOnnxSession, runOnnx, type OnnxSession } from '../../core/export/onnx-runtime-node';
import { defaultVocabPath, loadTokenizer } from '../../core/tokenizer/load-node';
import { loadDatasetFiles } from '../../datasets/read-node';
import { defaultSamplesDir } from '../../datasets/samples-node';
import type { ClassPrediction, NerPrediction, QaPrediction } from '../contract';
import { TextPredictor } from '../predict/text-predictor';
import { exportRun, type ExportRunResult } from './export-run';
import { RunStore } from './run-store';
import { runTrainingJob } from './training-job';

const SST2_TRAIN = path.join(defaultSamplesDir(), 'sst2', 'train.tsv');
const SST2_DEV = path.join(defaultSamplesDir(), 'sst2', 'dev.tsv');

/** The SST-2 dev sample as a run reads it (given as the validation file, it is used whole). */
async function sst2Dev() {
  return (await loadDatasetFiles('classification', { train: SST2_TRAIN, validation: SST2_DEV })).validation;
}
const SST2_MAX_LENGTH = 48;
const TRAINING_TIMEOUT = 15 * 60_000;

let root: string;
let store: RunStore;

interface TrainedRun {
  id: string;
  modelDir: string;
  exported: ExportRunResult;
}

async function trainAndExport(name: string, config: Record<string, unknown>): Promise<TrainedRun> {
  const { id } = await store.create({ name, config, origin: 'cli' });
  const run = await runTrainingJob({ store, runId: id });
  if (run.status !== 'completed') throw new Error(`the ${name} run ${run.status}: ${run.error}`);
  const exported = await exportRun(store, id, { format: 'onnx', quantize: 'int8', parityExamples: 16 });
  return { id, modelDir: path.join(store.dir(id), 'model'), exported };
}

function exportedConfig(run: TrainedRun): BertConfig {
  return JSON.parse(readFileSync(path.join(run.exported.path, 'config.json'), 'utf8')) as BertConfig;
}

/** transformers.js pipelines read the export folder by name under env.localModelPath. */
function pipelineModel(run: TrainedRun): string {
  env.localModelPath = path.dirname(run.exported.path);
  return path.basename(run.exported.path);
}

beforeAll(async () => {
  await initNodeBackend();
  root = mkdtempSync(path.join(tmpdir(), 'bert-onnx-consumers-'));
  store = new RunStore(path.join(root, 'runs'));
  env.allowRemoteModels = false;
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a classification run trained on SST-2', () => {
  let run: TrainedRun;
  beforeAll(async () => {
    // A small BERT from random weights, with a vocabulary of 8,000 frequent pieces (the bert-base-uncased ids kept).
    const vocab = readFileSync(defaultVocabPath(), 'utf8').split('\n').slice(0, 8000).join('\n') + '\n';
    const config = { ...presetConfig('bert-tiny'), vocab_size: 8000, hidden_size: 64, num_attention_heads: 2, intermediate_size: 256, max_position_embeddings: 128 };
    const base = BertModel.create(config, 'sequence-classification', { seed: 1 });
    await saveHfModel(path.join(root, 'small-bert'), base, { vocab, tokenizerConfig: { do_lower_case: true } });
    base.dispose();
    run = await trainAndExport('sst2', {
      task: 'classification',
      model: { checkpoint: path.join(root, 'small-bert') },
      data: { train: SST2_TRAIN, validation: SST2_DEV },
      training: { max_steps: 100, batch_size: 32, learning_rate: 2e-3, warmup_ratio: 0.1, max_seq_length: SST2_MAX_LENGTH, seed: 42, eval_steps: 1000, save_steps: 1000 },
    });
  }, TRAINING_TIMEOUT);

  it('exports an ONNX model whose outputs are the app\'s within 1e-4 on 16 validation sentences', () => {
    expect(run.exported.files).toEqual(expect.arrayContaining([ONNX_MODEL_FILE, ONNX_QUANTIZED_MODEL_FILE, 'tokenizer.json', 'config.json']));
    expect(run.exported.parity).toMatchObject({ examples: 16, tolerance: 1e-4, ok: true });
    expect(run.exported.parity.max_abs_diff).toBeLessThan(1e-4);
    expect(run.exported.quantized_parity?.ok).toBe(true);
  });

  it('keeps the int8 model within 1 point of float32 accuracy on the SST-2 dev sample', async () => {
    const dev = await sst2Dev();
    expect(dev).toHaveLength(872);
    const tokenizer = await loadTokenizer(run.exported.path);
    const config = exportedConfig(run);
    const encodings = dev.map((e) => tokenizer.encode(e.text, e.textPair, { maxLength: SST2_MAX_LENGTH, truncation: 'longest_first' }));
    const accuracy = async (session: OnnxSession): Promise<number> => {
      let correct = 0;
      for (let i = 0; i < encodings.length; i += 64) {
        const batch = encodings.slice(i, i + 64);
        const rows = await runOnnx(session, 'sequence-classification', config, batch);
        rows.forEach((row, j) => (correct += Number(argmax(row.logits as number[]) === config.label2id?.[dev[i + j]!.label])));
      }
      return correct / encodings.length;
    };
    const sessions = await Promise.all([ONNX_MODEL_FILE, ONNX_QUANTIZED_MODEL_FILE].map((file) => openOnnxSession(path.join(run.exported.path, file))));
    const [float32, int8] = [await accuracy(sessions[0]!), await accuracy(sessions[1]!)];
    await Promise.all(sessions.map((s) => s.release()));
    const record = await store.get(run.id);
    // ONNX Runtime's float32 predictions are the app's own: the run's evaluation saw the same accuracy.
    expect(float32).toBeCloseTo(record.final_metrics!.eval_accuracy!, 3);
    expect(float32).toBeGreaterThan(0.6); // learned something: the check below means something
    expect(Math.abs(int8 - float32)).toBeLessThanOrEqual(0.01);
    console.info(`SST-2 dev (872): float32 ${float32.toFixed(4)}, int8 ${int8.toFixed(4)}`);
  });

  it('transformers.js text-classification gives the playground\'s labels and probabilities, from the folder alone', async () => {
    const dev = await sst2Dev();
    const texts = dev.slice(0, 12).map((e) => e.text);
    const predictor = await TextPredictor.load(run.modelDir);
    const classifier = await pipeline('text-classification', pipelineModel(run), { dtype: 'fp32', local_files_only: true });
    // dtype "q8" is transformers.js' name for onnx/model_quantized.onnx.
    const quantized = await pipeline('text-classification', pipelineModel(run), { dtype: 'q8', local_files_only: true });
    const int8 = await openOnnxSession(path.join(run.exported.path, ONNX_QUANTIZED_MODEL_FILE));
    const config = exportedConfig(run);
    try {
      for (const text of texts) {
        const [app] = (await predictor.predict([{ text }])) as ClassPrediction[];
        const [theirs] = (await classifier(text)) as { label: string; score: number }[];
        expect(theirs!.label, text).toBe(app!.label);
        expect(Math.abs(theirs!.score - app!.probabilities.find((p) => p.label === app!.label)!.probability), text).toBeLessThan(1e-4);
        // The int8 model in transformers.js computes what ONNX Runtime computes on the app's encoding.
        const [q8] = (await quantized(text)) as { label: string; score: number }[];
        const [row] = await runOnnx(int8, 'sequence-classification', config, [predictor.tokenizer.encode(text, undefined, { maxLength: predictor.maxLength })]);
        const probabilities = softmax(row!.logits as number[]);
        expect(q8!.label, text).toBe(labelName(config, argmax(probabilities)));
        expect(Math.abs(q8!.score - Math.max(...probabilities)), text).toBeLessThan(1e-4);
      }
    } finally {
      predictor.dispose();
      await Promise.all([classifier.dispose(), quantized.dispose(), int8.release()]);
    }
  });
});

describe('NER, QA and masked-LM runs trained from the reference checkpoints', () => {
  let ner: TrainedRun;
  let qa: TrainedRun;
  let mlm: TrainedRun;
  // Sentences in the reference checkpoints' small vocabulary, so that every word is one piece.
  const sentences = ['john smith caught fish in paris', 'mary bought shoes in london', 'john was in the city', 'the capital of france is paris', 'mary smith shopped in paris while it rained'];
  const contexts = [
    { question: 'who caught fish?', context: 'john smith caught fish in paris.' },
    { question: 'where was mary?', context: 'mary was in london. john was in paris.' },
    { question: 'what is the capital of france?', context: 'paris is the capital of france.' },
    { question: 'who bought shoes?', context: 'mary bought shoes in london while it rained.' },
  ];
  beforeAll(async () => {
    const conll = [
      'john B-PER\nsmith I-PER\ncaught O\nfish O\nin O\nparis B-LOC',
      'mary B-PER\nbought O\nshoes O\nin O\nlondon B-LOC',
      'the O\ncapital O\nof O\nfrance B-LOC\nis O\nparis B-LOC',
      'mary B-PER\nsmith I-PER\nshopped O\nin O\nlondon B-LOC',
      'john B-PER\nwas O\nin O\nthe O\ncity O',
    ];
    writeFileSync(path.join(root, 'ner.conll'), conll.join('\n\n') + '\n');
    const squad = contexts.map(({ question, context }, i) => {
      const answer = ['john smith', 'london', 'paris', 'mary'][i]!;
      return { id: `q${i}`, question, context, answers: { text: [answer], answer_start: [context.indexOf(answer)] } };
    });
    writeFileSync(path.join(root, 'qa.jsonl'), squad.map((q) => JSON.stringify(q)).join('\n') + '\n');
    const training = { batch_size: 4, learning_rate: 3e-3, max_seq_length: 32, doc_stride: 8, seed: 7, eval_steps: 1000, save_steps: 1000 };
    ner = await trainAndExport('ner', { task: 'ner', model: { checkpoint: referenceCheckpointDir('token-classification') }, data: { train: path.join(root, 'ner.conll') }, training: { ...training, max_steps: 40 } });
    qa = await trainAndExport('qa', { task: 'qa', model: { checkpoint: referenceCheckpointDir('question-answering') }, data: { train: path.join(root, 'qa.jsonl') }, training: { ...training, max_steps: 40 } });
    writeFileSync(path.join(root, 'corpus.txt'), [...sentences, ...contexts.map((c) => c.context)].join('\n') + '\n');
    mlm = await trainAndExport('mlm', { task: 'mlm', model: { checkpoint: referenceCheckpointDir('pretraining') }, data: { train: path.join(root, 'corpus.txt') }, training: { ...training, max_steps: 10, next_sentence_prediction: false } });
  }, TRAINING_TIMEOUT);

  it('export ONNX models whose outputs are the app\'s within 1e-4', () => {
    expect(mlm.exported.files).toContain('onnx/model.onnx');
    for (const run of [ner, qa, mlm]) {
      expect(run.exported.parity.ok).toBe(true);
      expect(run.exported.parity.max_abs_diff).toBeLessThan(1e-4);
      expect(run.exported.quantized_parity?.ok).toBe(true);
    }
  });

  it('transformers.js token-classification (aggregated) gives the playground\'s entities', async () => {
    const predictor = await TextPredictor.load(ner.modelDir);
    const tagger = await pipeline('token-classification', pipelineModel(ner), { dtype: 'fp32', local_files_only: true });
    try {
      let entities = 0;
      for (const text of sentences) {
        const app = ((await predictor.predict([{ text }])) as NerPrediction[])[0]!;
        const theirs = (await tagger(text, { aggregation_strategy: 'simple' })) as { entity_group: string; word: string; score: number }[];
        expect(theirs.map((e) => [e.entity_group, e.word]), text).toEqual(app.entities.map((e) => [e.type, e.text]));
        // The spans: each entity's text is where the app says it is.
        for (const e of app.entities) expect(text.slice(e.start, e.end)).toBe(e.text);
        entities += app.entities.length;
      }
      expect(entities).toBeGreaterThanOrEqual(sentences.length); // the model tags something: the comparison means something
    } finally {
      predictor.dispose();
      await tagger.dispose();
    }
  });

  it('transformers.js question-answering gives the playground\'s answers', async () => {
    const predictor = await TextPredictor.load(qa.modelDir);
    const answerer = await pipeline('question-answering', pipelineModel(qa), { dtype: 'fp32', local_files_only: true });
    try {
      for (const { question, context } of contexts) {
        const app = ((await predictor.predict([{ question, context }])) as QaPrediction[])[0]!;
        const theirs = (await answerer(question, context)) as { answer: string; score: number };
        // transformers.js has no "no answer": compare with the playground's best span.
        expect(theirs.answer, question).toBe(app.n_best[0]!.text);
      }
    } finally {
      predictor.dispose();
      await answerer.dispose();
    }
  });
});
