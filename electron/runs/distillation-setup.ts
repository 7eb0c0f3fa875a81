// A distillation run's extra setup, after the student is built (training-setup.ts): the
// teacher's folder and checks that it can teach this student (same task, same labels,
// same tokens), the unlabelled text, and the teacher's outputs on every training feature
// — read from the run folder's cache, the missing ones computed in one teacher pass and
// added to it part by part — then the trainer's distillation loss.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { readHfFolder } from '../../core/checkpoint/hf-folder-node';
import { CONFIG_FILE, configFromJson, modelFromCheckpoint, type HfFolderContents, type TokenizerFiles } from '../../core/checkpoint/hf-folder';
import { headForArchitectures } from '../../core/model/heads/registry';
import { labelName } from '../../core/model/heads/task-head';
import { numLabels } from '../../core/model/layout';
import type { BertConfig } from '../../core/model/config';
import type { BertModel } from '../../core/model/model';
import { exampleProblem } from '../../core/model/prediction';
import { isDistillableHead, type DistillableHead } from '../../core/train/distillation-loss';
import { distillationTrainingLoss, labelPermutation, reorderLabels, type TeacherRow } from '../../core/train/distillation';
import type { DistillationSettings } from '../../core/train/distillation-config';
import { realLength, type TrainingFeature } from '../../core/train/features';
import { TASK_HEADS, type RunConfig } from '../../core/train/run-config';
import { featureKey, teacherFingerprint, TeacherOutputsCache } from '../../core/train/teacher-cache-node';
import { teacherOutputs } from '../../core/train/teacher-pass';
import type { TrainingLoss } from '../../core/train/training-loss';
import { RUN_FILE } from './run-store';
// A cycle (training-job.ts runs this setup), harmless: the name is read when a run starts.
import { FINAL_MODEL_DIR } from './run-store';
import type { RunSetup } from './training-setup';
import { readUnlabelledText } from './unlabelled-text';

/** Rows per cache part (a stopped pass writes what it has). */
const PART_SIZE = 512;
/** Examples per teacher forward pass: inference holds no gradients, so larger than training's batches. */
const TEACHER_BATCH_SIZE = 32;

export interface DistillationSetup {
  /** The training features: the run's, then the unlabelled ones. */
  train: TrainingFeature[];
  loss: TrainingLoss;
  /** What the person should know: rows reused from the cache and computed, labels reordered. */
  notes: string[];
}

export interface DistillationSetupOptions {
  runDir: string;
  /** Progress of the teacher pass, for the run's log. */
  log?: (message: string) => void;
  /** Checked between teacher batches: a stop keeps the outputs computed so far on disk. */
  shouldStop?: () => boolean;
}

export class DistillationStopped extends Error {
  override name = 'DistillationStopped';
}

/** Teacher folder, checks, unlabelled text and teacher outputs for `setup`'s student. */
export async function setUpDistillation(config: RunConfig, settings: DistillationSettings, setup: RunSetup, options: DistillationSetupOptions): Promise<DistillationSetup> {
  const log = options.log ?? (() => {});
  const head = TASK_HEADS[config.task];
  if (!isDistillableHead(head)) throw new Error(`distillation: the ${config.task} task cannot be distilled`);
  const student = setup.model;
  if (head !== 'question-answering' && numLabels(student.config) < 2) throw new Error('distillation: the student has one output (regression); distillation matches class distributions');

  const teacherDir = await teacherModelDir(settings.teacher);
  const contents = await readHfFolder(teacherDir);
  checkTeacherHead(contents, head, teacherDir);
  checkTokenizers(contents, setup.tokenizerFiles, teacherDir);
  const permutation = head === 'question-answering' ? undefined : teacherLabelOrder(student.config, configFromJson(contents.config));
  const notes: string[] = [];
  if (permutation?.some((teacherId, studentId) => teacherId !== studentId)) notes.push('the teacher numbers the labels differently: its outputs are reordered to the student\'s label ids');

  const train = [...setup.train];
  const tokenMasks: (number[] | undefined)[] = train.map(() => undefined);
  if (settings.unlabelled) {
    const maxLength = Math.min(config.training.max_seq_length, student.config.max_position_embeddings);
    const extra = await readUnlabelledText(settings.unlabelled, config.task, setup.tokenizer, { labels: labelNames(student.config), maxLength });
    train.push(...extra.features);
    tokenMasks.push(...extra.features.map((_, i) => extra.tokenMasks?.[i]));
    notes.push(`${extra.features.length} unlabelled examples from ${path.basename(settings.unlabelled)} train the teacher term only`);
  }

  const rows = await teacherRows(contents, head, train, { ...options, log, notes, teacherDir });
  const teacher = permutation ? rows.map((row) => reorderLabels(row, head, permutation)) : rows;
  const loss = distillationTrainingLoss(train, { teacher, tokenMasks }, { temperature: settings.temperature, alpha: settings.alpha });
  return { train, loss, notes };
}

/** A finished run's final model, or the folder itself when it is a Hugging Face model folder. */
export async function teacherModelDir(teacher: string): Promise<string> {
  if (existsSync(path.join(teacher, RUN_FILE))) {
    const modelDir = path.join(teacher, FINAL_MODEL_DIR);
    if (existsSync(path.join(modelDir, CONFIG_FILE))) return modelDir;
    const status = await runStatus(teacher);
    throw new Error(`distillation.teacher: the run ${teacher} has no final model yet (it is ${status}); distil from a completed run`);
  }
  if (existsSync(path.join(teacher, CONFIG_FILE))) return teacher;
  throw new Error(`distillation.teacher: ${teacher} is neither a run folder (with ${RUN_FILE}) nor a Hugging Face model folder (with ${CONFIG_FILE})`);
}

async function runStatus(runDir: string): Promise<string> {
  try {
    const record = JSON.parse(await readFile(path.join(runDir, RUN_FILE), 'utf8')) as { status?: unknown };
    return typeof record.status === 'string' ? record.status : 'of unknown status';
  } catch {
    return 'unreadable';
  }
}

/** The teacher was fine-tuned for the student's task (its config.json's architectures say which). */
function checkTeacherHead(contents: HfFolderContents, head: DistillableHead, teacherDir: string): void {
  const teacherHead = headForArchitectures(configFromJson(contents.config).architectures);
  if (teacherHead !== undefined && teacherHead !== head) throw new Error(`distillation.teacher: ${teacherDir} is a ${teacherHead} model; this run trains a ${head} student`);
}

function teacherLabelOrder(student: BertConfig, teacher: BertConfig): number[] {
  try {
    return labelPermutation(labelNames(student), labelNames(teacher));
  } catch (error) {
    throw new Error(`distillation.teacher: ${(error as Error).message}`);
  }
}

/** The student must see the tokens the teacher saw: per-token outputs line up only then. */
function checkTokenizers(teacher: HfFolderContents, student: TokenizerFiles | undefined, teacherDir: string): void {
  if (teacher.vocab === undefined || student?.vocab === undefined) return; // pre-tokenized data: the ids are checked against the teacher below
  const lowerCase = (config: Record<string, unknown> | undefined) => config?.do_lower_case !== false;
  if (teacher.vocab !== student.vocab) throw new Error(`distillation.teacher: the teacher's vocabulary (${teacherDir}/vocab.txt) differs from the student's; the student must tokenize as the teacher does — pick a student with the teacher's vocab.txt`);
  if (lowerCase(teacher.tokenizerConfig) !== lowerCase(student.tokenizerConfig)) throw new Error('distillation.teacher: the teacher and the student disagree on do_lower_case; the student must tokenize as the teacher does');
}

interface TeacherPassOptions extends DistillationSetupOptions {
  log: (message: string) => void;
  notes: string[];
  teacherDir: string;
}

/** One row per feature: from the cache where it has one, else from a teacher pass that fills the cache. */
async function teacherRows(contents: HfFolderContents, head: DistillableHead, features: readonly TrainingFeature[], options: TeacherPassOptions): Promise<TeacherRow[]> {
  const cache = new TeacherOutputsCache(options.runDir, teacherFingerprint(contents.config, contents.weights));
  const { rows: cached, discarded } = await cache.load();
  if (discarded > 0) options.notes.push(`${discarded} cached teacher output parts were of another teacher (or damaged) and were removed`);
  const keys = features.map(featureKey);
  const missing = new Map<string, TrainingFeature>();
  keys.forEach((key, i) => {
    if (!cached.has(key)) missing.set(key, features[i]!);
  });
  const reused = keys.filter((key) => !missing.has(key)).length;
  if (missing.size > 0) {
    checkFeaturesFit(configFromJson(contents.config), features);
    const teacher = loadTeacher(contents, head, options.teacherDir);
    try {
      options.log(`teacher pass: ${missing.size} inputs${reused > 0 ? ` (the outputs of ${reused} examples are cached)` : ''}`);
      // Similar lengths batch together (less padding); every batch is a point to stop at.
      const pending = [...missing].sort(([, a], [, b]) => realLength(a) - realLength(b));
      let part = new Map<string, TeacherRow>();
      const flush = async () => {
        await cache.append(part);
        for (const [key, row] of part) cached.set(key, row);
        part = new Map();
      };
      for (let start = 0; start < pending.length; start += TEACHER_BATCH_SIZE) {
        await yieldToEventLoop(); // lets a cancel request arrive
        if (options.shouldStop?.()) {
          await flush();
          throw new DistillationStopped('stopped during the teacher pass; the outputs computed so far are cached');
        }
        const batch = pending.slice(start, start + TEACHER_BATCH_SIZE);
        const outputs = await teacherOutputs(teacher, batch.map(([, feature]) => feature), TEACHER_BATCH_SIZE);
        batch.forEach(([key], i) => part.set(key, outputs[i]!));
        const done = Math.min(start + TEACHER_BATCH_SIZE, pending.length);
        if (part.size >= PART_SIZE || done === pending.length) {
          await flush();
          options.log(`teacher pass: ${done} / ${pending.length} inputs`);
        }
      }
    } finally {
      teacher.dispose();
    }
  }
  options.notes.push(
    missing.size === 0
      ? `teacher outputs: all ${features.length} read from the cache (${cache.dir})`
      : `teacher outputs: ${missing.size} inputs computed for ${features.length} examples (${reused} read from the cache)`,
  );
  return keys.map((key) => cached.get(key)!);
}

function loadTeacher(contents: HfFolderContents, head: DistillableHead, teacherDir: string): BertModel {
  const { model, report } = modelFromCheckpoint(contents, { head });
  const untrained = report.initialised.filter((name) => !name.startsWith('bert.'));
  if (untrained.length > 0) {
    model.dispose();
    throw new Error(`distillation.teacher: ${teacherDir} has no trained ${head} head (it lacks ${untrained.join(', ')}); the teacher must be a model fine-tuned for this task`);
  }
  return model;
}

function checkFeaturesFit(teacher: BertConfig, features: readonly TrainingFeature[]): void {
  for (const [i, feature] of features.entries()) {
    const problem = exampleProblem(feature, teacher);
    if (problem) throw new Error(`distillation.teacher: the teacher cannot read training example ${i + 1}: ${problem}`);
  }
}

function labelNames(config: BertConfig): string[] {
  return Array.from({ length: numLabels(config) }, (_, id) => labelName(config, id));
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}
