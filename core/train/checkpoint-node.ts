// Training checkpoints in a run folder (Node only):
//
//   checkpoints/step-N/   config.json, model.safetensors, vocab.txt, tokenizer_config.json
//                         (a Hugging Face folder: it loads and predicts on its own),
//                         optimizer.safetensors (AdamW moments), trainer_state.json
//
// A checkpoint is written into a hidden temporary folder beside the others and renamed to
// step-N only when every file is on disk, so step-N is complete or absent: a crash or a
// SIGKILL mid-save leaves the previous checkpoints as they were, and a stray temporary
// folder that the next save clears away.
import { readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { readHfFolder, saveHfModel } from '../checkpoint/hf-folder-node';
import { CONFIG_FILE, WEIGHTS_FILE, type TokenizerFiles } from '../checkpoint/hf-folder';
import { decodeFloat32, parseSafetensors } from '../checkpoint/safetensors';
import { TEMPORARY_FOLDER_PREFIX, writeFileAtomic, writeFolderAtomically, writeJsonAtomic } from '../io/atomic-write-node';
import { OPTIMIZER_FILE, parseOptimizerState, serializeOptimizerState } from './optimizer-state';
import type { CheckpointSink, ResumePoint, TrainingCheckpoint } from './checkpoints';
import { parseTrainerState } from './trainer-state';

export const CHECKPOINTS_DIR = 'checkpoints';
export const TRAINER_STATE_FILE = 'trainer_state.json';
const STEP_DIR = /^step-(\d+)$/;

export interface CheckpointRef {
  step: number;
  /** Relative to the run folder, e.g. "checkpoints/step-40". */
  path: string;
}

export function checkpointPath(step: number): string {
  return `${CHECKPOINTS_DIR}/step-${step}`;
}

export async function saveTrainingCheckpoint(runDir: string, checkpoint: TrainingCheckpoint, tokenizer?: TokenizerFiles): Promise<CheckpointRef> {
  const step = checkpoint.state.global_step;
  const relative = checkpointPath(step);
  await writeFolderAtomically(path.join(runDir, relative), async (dir) => {
    await saveHfModel(dir, checkpoint.model, tokenizer);
    await writeFileAtomic(path.join(dir, OPTIMIZER_FILE), serializeOptimizerState(checkpoint.optimizer));
    await writeJsonAtomic(path.join(dir, TRAINER_STATE_FILE), checkpoint.state);
  });
  return { step, path: relative };
}

/** The run's checkpoints, oldest first; temporary folders of an interrupted save are not checkpoints. */
export async function listCheckpoints(runDir: string): Promise<CheckpointRef[]> {
  let entries: string[];
  try {
    entries = await readdir(path.join(runDir, CHECKPOINTS_DIR));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return entries
    .flatMap((name) => {
      const match = STEP_DIR.exec(name);
      return match ? [{ step: Number(match[1]), path: `${CHECKPOINTS_DIR}/${name}` }] : [];
    })
    .sort((a, b) => a.step - b.step);
}

export async function latestCheckpoint(runDir: string): Promise<CheckpointRef | undefined> {
  return (await listCheckpoints(runDir)).at(-1);
}

/**
 * Removes checkpoints after `step` and leftovers of interrupted saves: a run resumed from
 * `step` replays those steps and writes them again.
 */
export async function removeCheckpointsAfter(runDir: string, step: number): Promise<void> {
  const dir = path.join(runDir, CHECKPOINTS_DIR);
  for (const checkpoint of await listCheckpoints(runDir)) {
    if (checkpoint.step > step) await rm(path.join(runDir, checkpoint.path), { recursive: true, force: true });
  }
  const leftovers = (await readdir(dir).catch(() => [] as string[])).filter((name) => name.startsWith(TEMPORARY_FOLDER_PREFIX));
  for (const name of leftovers) await rm(path.join(dir, name), { recursive: true, force: true });
}

/** The optimizer and trainer state of a checkpoint folder (its weights load with loadHfModel). Errors name the file. */
export async function readResumePoint(checkpointDir: string): Promise<ResumePoint> {
  const statePath = path.join(checkpointDir, TRAINER_STATE_FILE);
  const optimizerPath = path.join(checkpointDir, OPTIMIZER_FILE);
  const [stateText, optimizerBytes] = await Promise.all([readNamed(statePath, 'utf8'), readNamed(optimizerPath)]);
  return {
    state: parseTrainerState(parseNamedJson(stateText, statePath), statePath),
    optimizer: namingErrors(optimizerPath, () => parseOptimizerState(new Uint8Array(optimizerBytes.buffer, optimizerBytes.byteOffset, optimizerBytes.byteLength), optimizerPath)),
  };
}

/**
 * Why a checkpoint cannot be resumed from (naming the file: trainer_state.json,
 * model.safetensors, …), or undefined when every file reads. A disk that failed, or a
 * hand that edited a file, can damage a checkpoint that the atomic save wrote whole.
 */
export async function checkpointProblem(checkpointDir: string): Promise<string | undefined> {
  try {
    await readResumePoint(checkpointDir);
    const configPath = path.join(checkpointDir, CONFIG_FILE);
    parseNamedJson(await readNamed(configPath, 'utf8'), configPath);
    const weightsPath = path.join(checkpointDir, WEIGHTS_FILE);
    const weights = await readNamed(weightsPath);
    namingErrors(weightsPath, () => parseSafetensors(new Uint8Array(weights.buffer, weights.byteOffset, weights.byteLength)));
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * The newest checkpoint that reads whole; each newer damaged one is reported through
 * `skipped` (its path and what is wrong) and passed over. Undefined when none is intact.
 */
export async function newestIntactCheckpoint(runDir: string, skipped: (checkpoint: CheckpointRef, problem: string) => void = () => {}): Promise<CheckpointRef | undefined> {
  for (const checkpoint of (await listCheckpoints(runDir)).reverse()) {
    const problem = await checkpointProblem(path.join(runDir, checkpoint.path));
    if (problem === undefined) return checkpoint;
    skipped(checkpoint, problem);
  }
  return undefined;
}

async function readNamed(file: string): Promise<Buffer>;
async function readNamed(file: string, encoding: 'utf8'): Promise<string>;
async function readNamed(file: string, encoding?: 'utf8'): Promise<Buffer | string> {
  try {
    return encoding ? await readFile(file, encoding) : await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? `${file} is missing` : `${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function parseNamedJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`${file} is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

function namingErrors<T>(file: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(message.includes(file) ? message : `${file}: ${message}`);
  }
}

/**
 * Transformers' `_rotate_checkpoints`: keeps the newest `limit` checkpoints, the best one
 * (`bestStep`) counted among them and always kept — so with a limit of 1 and a best that
 * is not the newest, two stay. A limit of null or 0 keeps all. Returns the removed ones.
 */
export async function rotateCheckpoints(runDir: string, limit: number | null, bestStep?: number): Promise<CheckpointRef[]> {
  if (!limit) return [];
  const all = await listCheckpoints(runDir);
  const best = all.find((checkpoint) => checkpoint.step === bestStep);
  // The best goes last, where the newest are kept.
  const ordered = best ? [...all.filter((checkpoint) => checkpoint !== best), best] : all;
  const keep = limit === 1 && best && best !== all.at(-1) ? 2 : limit;
  const removed = ordered.slice(0, Math.max(0, ordered.length - keep));
  for (const checkpoint of removed) await rm(path.join(runDir, checkpoint.path), { recursive: true, force: true });
  return removed;
}

export interface RunFolderCheckpointOptions {
  /** save_total_limit: how many checkpoints stay (see rotateCheckpoints). */
  saveTotalLimit?: number | null;
}

/** The checkpoint sink of a run folder: checkpoints/step-N with the tokenizer files, so each one predicts stand-alone. */
export class RunFolderCheckpoints implements CheckpointSink {
  constructor(
    readonly runDir: string,
    private readonly tokenizer?: TokenizerFiles,
    private readonly options: RunFolderCheckpointOptions = {},
  ) {}

  async save(checkpoint: TrainingCheckpoint): Promise<string> {
    const saved = await saveTrainingCheckpoint(this.runDir, checkpoint, this.tokenizer);
    await rotateCheckpoints(this.runDir, this.options.saveTotalLimit ?? null, checkpoint.state.best?.step);
    return saved.path;
  }

  async loadWeights(step: number): Promise<ReadonlyMap<string, Float32Array>> {
    const { weights } = await readHfFolder(path.join(this.runDir, checkpointPath(step)));
    const file = parseSafetensors(weights);
    return new Map([...file.tensors].map(([name, entry]) => [name, decodeFloat32(name, entry)]));
  }
}
