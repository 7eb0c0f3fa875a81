// Training jobs over a run folder: raw files of every task through datasets/, the folder
// true at every moment (run.json, metrics.jsonl, checkpoints, model/), cancel and resume,
// and failures recorded as one line for the person.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHfModel } from '../../core/checkpoint/hf-folder-node';
import { referenceCheckpointDir } from '../../core/model/testing';
import type { TrainerEvent } from '../../core/train/events';
import { RunStore } from './run-store';
import { runTrainingJob } from './training-job';

let root: string;
let store: RunStore;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'training-job-'));
  store = new RunStore(path.join(root, 'runs'));
  // Words of the reference checkpoints' small vocabulary, so every token is known.
  const reviews = ['this movie is good', 'this film is great', 'i love this story', 'the plot is very good', 'this movie is bad', 'this film is terrible', 'i hate this plot', 'the actors are really bad'];
  const tsv = (rows: string[]) => ['sentence\tlabel', ...rows.map((text, i) => `${text}\t${i < rows.length / 2 ? 'positive' : 'negative'}`)].join('\n') + '\n';
  writeFileSync(path.join(root, 'train.tsv'), tsv([...reviews, ...reviews]));
  writeFileSync(path.join(root, 'dev.tsv'), tsv(reviews));
  const conll = ['john B-PER\nsmith I-PER\nis O\nin O\nparis B-LOC', 'mary B-PER\nshopped O\nin O\nlondon B-LOC', 'the O\ncapital O\nof O\nfrance B-LOC\nis O\nparis B-LOC'].join('\n\n') + '\n';
  writeFileSync(path.join(root, 'train.conll'), conll);
  const context = 'john smith was in paris. mary was in london.';
  const qa = [
    { id: 'q1', question: 'where was john?', context, answers: { text: ['paris'], answer_start: [18] } },
    { id: 'q2', question: 'where was mary?', context, answers: { text: ['london'], answer_start: [37] } },
    { id: 'q3', question: 'who was in paris?', context, answers: { text: ['john smith'], answer_start: [0] } },
  ];
  writeFileSync(path.join(root, 'qa.jsonl'), qa.map((q) => JSON.stringify(q)).join('\n') + '\n');
  // create_pretraining_data's layout: a sentence per line, a blank line between documents.
  const sentences = [...reviews, 'john smith caught fish while fishing', 'mary bought shoes in paris'];
  writeFileSync(path.join(root, 'corpus.txt'), sentences.map((sentence, i) => (i % 2 === 1 ? `${sentence}\n` : sentence)).join('\n') + '\n');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function createRun(name: string, config: Record<string, unknown>): Promise<string> {
  return (await store.create({ name, config, origin: 'cli' })).id;
}

function readMetrics(id: string) {
  return store.readMetrics(id);
}

describe('a training job', () => {
  it('trains classification from a TSV with validation, keeping run.json, metrics, checkpoints and model/ true', async () => {
    const id = await createRun('cls', {
      task: 'classification',
      model: { checkpoint: referenceCheckpointDir('sequence-classification') },
      data: { train: path.join(root, 'train.tsv'), validation: path.join(root, 'dev.tsv') },
      training: { max_steps: 8, batch_size: 4, learning_rate: 1e-3, eval_steps: 4, save_steps: 4, seed: 1 },
    });
    const events: TrainerEvent[] = [];
    const run = await runTrainingJob({ store, runId: id, onEvent: (e) => events.push(e) });

    expect(run).toMatchObject({ status: 'completed', progress: { step: 8, total_steps: 8, epoch: 2 }, last_checkpoint: { step: 8, path: 'checkpoints/step-8' } });
    expect(run.backend?.name).toBeTruthy();
    expect(run.error).toBeUndefined();
    expect(run.train_seconds).toBeGreaterThan(0);
    expect(Object.keys(run.final_metrics!).sort()).toEqual(['eval_accuracy', 'eval_f1', 'eval_loss', 'eval_precision', 'eval_recall']);
    expect(run.best_metric?.name).toBe('eval_loss');

    const rows = await readMetrics(id);
    const stepRows = rows.filter((r) => r.loss !== undefined);
    expect(stepRows.map((r) => r.step)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(Object.keys(stepRows[0]!).sort()).toEqual(['elapsed_s', 'epoch', 'grad_norm', 'learning_rate', 'loss', 'samples_per_second', 'step']);
    expect(rows.filter((r) => r.eval_loss !== undefined).map((r) => r.step)).toEqual([4, 8]);
    expect(readdirSync(path.join(store.dir(id), 'checkpoints'))).toEqual(['step-4', 'step-8']);

    // model/ predicts stand-alone: a loadable folder with the tokenizer, the data's labels in its config.
    const { model, tokenizer } = await loadHfModel(path.join(store.dir(id), 'model'));
    expect(tokenizer?.tokenizerConfig).toMatchObject({ do_lower_case: true });
    expect(model.config.id2label).toEqual({ 0: 'negative', 1: 'positive' });
    model.dispose();
    expect(events.map((e) => e.type === 'status' && e.status).filter(Boolean)).toEqual(['starting', 'running', 'completed']);
    expect(events.some((e) => e.type === 'log' && e.message.includes('classifier'))).toBe(true); // 3 labels -> 2: the head starts anew
  });

  it('trains NER from CoNLL, QA from JSON lines and masked-LM from text, with their metrics', async () => {
    const cases = [
      { task: 'ner', head: 'token-classification', train: 'train.conll', metric: 'eval_f1' },
      { task: 'qa', head: 'question-answering', train: 'qa.jsonl', metric: 'eval_exact_match' },
      { task: 'mlm', head: 'pretraining', train: 'corpus.txt', metric: 'eval_perplexity' },
    ] as const;
    for (const c of cases) {
      const file = path.join(root, c.train);
      const id = await createRun(c.task, {
        task: c.task,
        model: { checkpoint: referenceCheckpointDir(c.head) },
        // Validating on the training file: enough to see the metric computed end to end.
        data: { train: file, validation: file },
        training: { max_steps: 3, batch_size: 4, learning_rate: 1e-3, max_seq_length: 32, doc_stride: 8 },
      });
      const run = await runTrainingJob({ store, runId: id });
      expect(run.error, c.task).toBeUndefined();
      expect(run.status, c.task).toBe('completed');
      expect(run.final_metrics?.[c.metric], c.task).toBeGreaterThanOrEqual(0);
      expect(existsSync(path.join(store.dir(id), 'model', 'vocab.txt')), c.task).toBe(true);
    }
  });

  it('stops when asked, saves a checkpoint where it stopped, and resumes to the same losses', async () => {
    const config = {
      task: 'classification',
      model: { checkpoint: referenceCheckpointDir('sequence-classification') },
      data: { train: path.join(root, 'train.tsv') },
      training: { max_steps: 10, batch_size: 3, learning_rate: 1e-3, save_steps: 3, dropout: 0.1, seed: 4 },
    };
    const full = await runTrainingJob({ store, runId: await createRun('full', config) });
    const id = await createRun('stopped', config);
    let steps = 0;
    const stopped = await runTrainingJob({ store, runId: id, onEvent: (e) => (steps += Number(e.type === 'step')), shouldStop: () => steps >= 5 });
    // save_steps 3 saved step 3; the stop saves step 5 (stop and save), so nothing is lost.
    expect(stopped).toMatchObject({ status: 'cancelled', last_checkpoint: { step: 5 } });
    expect(existsSync(path.join(store.dir(id), 'model'))).toBe(false);

    const resumed = await runTrainingJob({ store, runId: id, resume: true });
    expect(resumed.status).toBe('completed');
    const losses = async (runId: string) => (await readMetrics(runId)).filter((r) => r.loss !== undefined).map((r) => [r.step, r.loss, r.grad_norm]);
    expect(await losses(id)).toEqual(await losses(full.id));
  });

  it('fails with one line for the person when the data is broken', async () => {
    writeFileSync(path.join(root, 'broken.tsv'), 'sentence\tlabel\nonly one column here\n');
    const id = await createRun('broken', { task: 'classification', model: { preset: 'bert-tiny' }, data: { train: path.join(root, 'broken.tsv') } });
    const run = await runTrainingJob({ store, runId: id });
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/^the data cannot be used: .*broken\.tsv/);
    expect(run.error).not.toContain('\n');
    expect(run.error).not.toMatch(/at .*\.ts:\d+/);

    const bad = await createRun('bad config', { task: 'classification', model: { preset: 'bert-huge' }, data: { train: 'x' } });
    expect((await runTrainingJob({ store, runId: bad })).error).toBe('model.preset: unknown preset "bert-huge"; one of bert-tiny, bert-mini, bert-small, bert-medium, bert-base, bert-large');
  });
});
