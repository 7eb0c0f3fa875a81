// Distillation runs end to end: a finished run teaches a student on its data (and on
// unlabelled text), the teacher runs once and its outputs are cached in the student's run
// folder, a stopped student resumes from its checkpoint without a second teacher pass and
// with the losses of an uninterrupted run; teachers that cannot teach are refused in one line.
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceCheckpointDir } from '../../core/model/testing';
import type { TrainerEvent } from '../../core/train/events';
import { TEACHER_OUTPUTS_DIR } from '../../core/train/teacher-cache-node';
import { RunStore } from './run-store';
import { runTrainingJob } from './training-job';

let root: string;
let store: RunStore;
const file = (name: string) => path.join(root, name);

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'distillation-job-'));
  store = new RunStore(path.join(root, 'runs'));
  // Words of the reference checkpoints' small vocabulary, so every token is known.
  const reviews = ['this movie is good', 'this film is great', 'i love this story', 'the plot is very good', 'this movie is bad', 'this film is terrible', 'i hate this plot', 'the actors are really bad'];
  const tsv = (rows: string[]) => ['sentence\tlabel', ...rows.map((text, i) => `${text}\t${i < rows.length / 2 ? 'positive' : 'negative'}`)].join('\n') + '\n';
  writeFileSync(file('train.tsv'), tsv([...reviews, ...reviews]));
  writeFileSync(file('dev.tsv'), tsv(reviews));
  writeFileSync(file('unlabelled.txt'), 'the story is great\n\nthe actors are bad\ni love this film\n');
  const conll = ['john B-PER\nsmith I-PER\nis O\nin O\nparis B-LOC', 'mary B-PER\nshopped O\nin O\nlondon B-LOC', 'the O\ncapital O\nof O\nfrance B-LOC\nis O\nparis B-LOC'].join('\n\n') + '\n';
  writeFileSync(file('train.conll'), conll);
  writeFileSync(file('sentences.txt'), 'mary is in paris\njohn smith shopped in london\n');
  const context = 'john smith was in paris. mary was in london.';
  const qa = [
    { id: 'q1', question: 'where was john?', context, answers: { text: ['paris'], answer_start: [18] } },
    { id: 'q2', question: 'where was mary?', context, answers: { text: ['london'], answer_start: [37] } },
    { id: 'q3', question: 'who was in paris?', context, answers: { text: ['john smith'], answer_start: [0] } },
  ];
  writeFileSync(file('qa.jsonl'), qa.map((q) => JSON.stringify(q)).join('\n') + '\n');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

interface TrainOptions {
  /** Continue this run instead of creating one. */
  id?: string;
  resume?: boolean;
  shouldStop?: () => boolean;
  events?: TrainerEvent[];
}

async function train(name: string, config: Record<string, unknown>, options: TrainOptions = {}) {
  const id = options.id ?? (await store.create({ name, config, origin: 'cli' })).id;
  return runTrainingJob({ store, runId: id, onEvent: (e) => options.events?.push(e), ...(options.resume ? { resume: true } : {}), ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}) });
}

const logs = (events: TrainerEvent[]) => events.flatMap((e) => (e.type === 'log' ? [e.message] : []));
const losses = async (id: string) => (await store.readMetrics(id)).filter((r) => r.loss !== undefined).map((r) => [r.step, r.loss, r.grad_norm]);

const classification = (checkpoint: string) => ({
  task: 'classification',
  model: { checkpoint },
  data: { train: file('train.tsv'), validation: file('dev.tsv') },
  training: { max_steps: 6, batch_size: 4, learning_rate: 1e-3, save_steps: 2, seed: 3 },
});

describe('a distillation run', () => {
  let teacherDir = '';

  beforeAll(async () => {
    const teacher = await train('teacher', classification(referenceCheckpointDir('sequence-classification')));
    expect(teacher.status).toBe('completed');
    teacherDir = store.dir(teacher.id);
  });

  it('trains the student on the teacher\'s outputs for the data and the unlabelled text, computed once and cached', async () => {
    const events: TrainerEvent[] = [];
    const config = { ...classification(referenceCheckpointDir('sequence-classification')), distillation: { teacher: teacherDir, temperature: 2, alpha: 0.5, unlabelled: file('unlabelled.txt') } };
    const run = await train('student', config, { events });
    expect(run.error).toBeUndefined();
    expect(run.status).toBe('completed');
    expect(run.final_metrics?.eval_accuracy).toBeGreaterThanOrEqual(0);
    // 16 training sentences (8 distinct) + 3 unlabelled: one teacher pass over the 11 distinct inputs.
    expect(logs(events)).toContain('teacher pass: 11 inputs');
    expect(logs(events)).toContain('3 unlabelled examples from unlabelled.txt train the teacher term only');
    expect(logs(events)).toContain('teacher outputs: 11 inputs computed for 19 examples (0 read from the cache)');
    expect(readdirSync(path.join(store.dir(run.id), TEACHER_OUTPUTS_DIR))).toEqual(['part-00000.safetensors']);
    expect(existsSync(path.join(store.dir(run.id), 'model', 'model.safetensors'))).toBe(true);
  });

  it('stopped and resumed, reuses the cached teacher outputs and trains to the losses of an uninterrupted run', async () => {
    const config = { ...classification(referenceCheckpointDir('sequence-classification')), distillation: { teacher: teacherDir, temperature: 3, alpha: 0.3 } };
    const full = await train('student full', config);
    const id = (await store.create({ name: 'student stopped', config, origin: 'cli' })).id;
    const before: TrainerEvent[] = [];
    const stopped = await train('', config, { id, events: before, shouldStop: () => before.filter((e) => e.type === 'step').length >= 3 });
    // The stop saves the last finished update (stop-and-save.ts): step 3.
    expect(stopped).toMatchObject({ status: 'cancelled', last_checkpoint: { step: 3 } });
    const events: TrainerEvent[] = [];
    const resumed = await train('', config, { id, resume: true, events });
    expect(resumed.status).toBe('completed');
    expect(logs(events).some((m) => m.startsWith('teacher pass'))).toBe(false);
    expect(logs(events)).toContain(`teacher outputs: all 16 read from the cache (${path.join(store.dir(id), TEACHER_OUTPUTS_DIR)})`);
    expect(await losses(id)).toEqual(await losses(full.id));
  });

  it('stopped during the teacher pass, keeps the outputs computed so far and computes only the rest when resumed', async () => {
    // More distinct inputs than one teacher batch (32) holds.
    const sentences = ['this movie', 'this film', 'the plot', 'the story', 'the actors'].flatMap((subject) => ['is', 'was'].flatMap((verb) => ['good', 'great', 'bad', 'terrible'].map((adjective) => `${subject} ${verb} ${adjective}`)));
    writeFileSync(file('forty.tsv'), ['sentence\tlabel', ...sentences.map((text) => `${text}\t${/good|great/.test(text) ? 'positive' : 'negative'}`)].join('\n') + '\n');
    const config = { ...classification(referenceCheckpointDir('sequence-classification')), data: { train: file('forty.tsv') }, distillation: { teacher: teacherDir } };
    const id = (await store.create({ name: 'stopped in the teacher pass', config, origin: 'cli' })).id;
    let checks = 0;
    const stopped = await train('', config, { id, shouldStop: () => ++checks >= 2 }); // after the first batch
    expect(stopped.status).toBe('cancelled');
    expect(stopped.error).toBeUndefined();
    expect(readdirSync(path.join(store.dir(id), TEACHER_OUTPUTS_DIR))).toEqual(['part-00000.safetensors']);
    const events: TrainerEvent[] = [];
    const resumed = await train('', config, { id, resume: true, events });
    expect(resumed.status).toBe('completed');
    expect(logs(events).filter((m) => /^teacher pass: \d+ inputs \(the outputs of 32 examples are cached\)$/.test(m))).toHaveLength(1);
  });

  it('distils NER per token (with unlabelled sentences) and QA per start and end position', async () => {
    const cases = [
      { task: 'ner', head: 'token-classification', train: 'train.conll', unlabelled: 'sentences.txt' },
      { task: 'qa', head: 'question-answering', train: 'qa.jsonl' },
    ] as const;
    for (const c of cases) {
      const config = {
        task: c.task,
        model: { checkpoint: referenceCheckpointDir(c.head) },
        data: { train: file(c.train), validation: file(c.train) },
        training: { max_steps: 3, batch_size: 2, learning_rate: 1e-3, max_seq_length: 32, doc_stride: 8 },
      };
      const teacher = await train(`${c.task} teacher`, config);
      expect(teacher.status, c.task).toBe('completed');
      const distillation = { teacher: store.dir(teacher.id), ...('unlabelled' in c ? { unlabelled: file(c.unlabelled) } : {}) };
      const events: TrainerEvent[] = [];
      const student = await train(`${c.task} student`, { ...config, distillation }, { events });
      expect(student.error, c.task).toBeUndefined();
      expect(student.status, c.task).toBe('completed');
      expect(logs(events).some((m) => /^teacher pass: \d+ inputs$/.test(m)), c.task).toBe(true);
    }
  });

  it('refuses, in one line, teachers that cannot teach this student', async () => {
    const student = classification(referenceCheckpointDir('sequence-classification'));
    const notAFolder = await train('x', { ...student, distillation: { teacher: file('nowhere') } });
    expect(notAFolder.error).toBe(`distillation.teacher: ${file('nowhere')} is neither a run folder (with run.json) nor a Hugging Face model folder (with config.json)`);

    const unfinished = await store.create({ name: 'unfinished', config: student, origin: 'cli' });
    const early = await train('x', { ...student, distillation: { teacher: store.dir(unfinished.id) } });
    expect(early.error).toBe(`distillation.teacher: the run ${store.dir(unfinished.id)} has no final model yet (it is created); distil from a completed run`);

    const otherVocabulary = await train('x', { ...student, model: { preset: 'bert-tiny' }, distillation: { teacher: teacherDir } });
    expect(otherVocabulary.error).toMatch(/^distillation\.teacher: the teacher's vocabulary \(.*vocab\.txt\) differs from the student's/);

    const qaTeacher = await train('x', { ...student, distillation: { teacher: referenceCheckpointDir('question-answering') } });
    expect(qaTeacher.error).toBe(`distillation.teacher: ${referenceCheckpointDir('question-answering')} is a question-answering model; this run trains a sequence-classification student`);
    writeFileSync(file('other-labels.tsv'), 'sentence\tlabel\nthis movie is good\tgood\nthis movie is bad\tbad\n');
    const relabelled = await train('x', { ...student, data: { train: file('other-labels.tsv') }, distillation: { teacher: teacherDir } });
    expect(relabelled.error).toBe("distillation.teacher: the teacher's labels are not the student's (the teacher lacks bad, good; the student lacks negative, positive); distil on data with the teacher's labels");
    for (const run of [notAFolder, early, otherVocabulary, qaTeacher, relabelled]) {
      expect(run.status).toBe('failed');
      expect(run.error).not.toContain('\n');
    }
  });
});
