// What the fault suite needs around the real service: a small data set and run config, a
// service in its own process, seeded random moments, waiting for events, and the checks
// that a run folder is whole and that a resumed run repeats the uninterrupted losses.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { configFromJson } from '../../core/checkpoint/config-json';
import { serializeSafetensors, type TensorToWrite } from '../../core/checkpoint/safetensors';
import { parameterShapes } from '../../core/model/layout';
import { Rng } from '../../core/random';
import { checkpointProblem, listCheckpoints } from '../../core/train/checkpoint-node';
import type { MetricsRow, RunConfigInput, RunRecord, ServiceEvent, TrainingSettings } from '../contract';
import { METRICS_FILE, RunStore } from '../runs/run-store';
import { connectTestClient, type TestClient } from '../web/test-client';

export const FAULT_STEPS = 40;

/** Mulberry32: the suite's moments are random but repeatable from the printed seed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** 64 training and 16 validation sentences of the shipped SST-2 sample: steps are cheap, evaluation too. */
export function writeSmallData(dir: string, sampleTrain: string): { train: string; validation: string } {
  mkdirSync(dir, { recursive: true });
  const [header, ...rows] = readFileSync(sampleTrain, 'utf8').trim().split('\n');
  const train = path.join(dir, 'train.tsv');
  const validation = path.join(dir, 'dev.tsv');
  writeFileSync(train, [header, ...rows.slice(0, 64)].join('\n') + '\n');
  writeFileSync(validation, [header, ...rows.slice(64, 80)].join('\n') + '\n');
  return { train, validation };
}

/**
 * A BERT of 2 layers, hidden size 32, over a vocabulary of the data's own words: a real
 * Hugging Face folder (config.json, vocab.txt, model.safetensors with seeded weights) whose
 * checkpoints are ~0.5 MB, so the faults, not the arithmetic, fill the suite's minutes.
 */
export function writeSmallCheckpoint(dir: string, dataFiles: string[]): string {
  const words = new Set<string>();
  for (const file of dataFiles) {
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const text = (line.split('\t')[0] ?? '').toLowerCase();
      for (const piece of text.split(/([^\p{L}\p{N}]+)/u)) for (const token of piece.trim().split(/\s+/)) if (token) words.add(token);
    }
  }
  const vocab = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]', ...[...words].sort()];
  const config = {
    model_type: 'bert',
    architectures: ['BertModel'],
    vocab_size: vocab.length,
    hidden_size: 32,
    num_hidden_layers: 2,
    num_attention_heads: 2,
    intermediate_size: 64,
    hidden_act: 'gelu',
    hidden_dropout_prob: 0.1,
    attention_probs_dropout_prob: 0.1,
    max_position_embeddings: 64,
    type_vocab_size: 2,
    initializer_range: 0.02,
    layer_norm_eps: 1e-12,
    pad_token_id: 0,
  };
  const rng = new Rng(1234);
  const tensors = new Map<string, TensorToWrite>();
  for (const [name, shape] of parameterShapes(configFromJson(config), { pooler: true })) {
    const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
    if (name.endsWith('LayerNorm.weight')) data.fill(1);
    else if (!name.endsWith('.bias')) for (let i = 0; i < data.length; i++) data[i] = rng.nextNormal() * config.initializer_range;
    tensors.set(name, { dtype: 'F32', shape: [...shape], data });
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config, null, 2));
  writeFileSync(path.join(dir, 'vocab.txt'), vocab.join('\n') + '\n');
  writeFileSync(path.join(dir, 'tokenizer_config.json'), JSON.stringify({ do_lower_case: true }));
  writeFileSync(path.join(dir, 'model.safetensors'), serializeSafetensors(tensors));
  return dir;
}

export function faultRunConfig(data: { train: string; validation: string }, checkpoint: string, training: Partial<TrainingSettings> = {}): RunConfigInput {
  return {
    task: 'classification',
    model: { checkpoint },
    data,
    training: { max_steps: FAULT_STEPS, batch_size: 8, max_seq_length: 32, save_steps: 5, eval_steps: 20, learning_rate: 1e-3, seed: 7, ...training },
  };
}

export function metricsRows(runDir: string): { rows: MetricsRow[]; tornLines: number[] } {
  let text: string;
  try {
    text = readFileSync(path.join(runDir, METRICS_FILE), 'utf8');
  } catch {
    return { rows: [], tornLines: [] };
  }
  const rows: MetricsRow[] = [];
  const tornLines: number[] = [];
  text.split('\n').forEach((line, index) => {
    if (line === '') return;
    try {
      rows.push(JSON.parse(line) as MetricsRow);
    } catch {
      tornLines.push(index + 1);
    }
  });
  return { rows, tornLines };
}

export function losses(runDir: string): Map<number, number> {
  return new Map(metricsRows(runDir).rows.flatMap((row) => (row.loss !== undefined ? [[row.step, row.loss] as [number, number]] : [])));
}

/**
 * What is wrong with a run folder after a fault (empty when it is whole): run.json reads
 * and passes its schema, metrics.jsonl is valid JSON lines (a torn last line is what a
 * kill mid-append may leave), every checkpoint reads whole. A completed run also has every
 * step exactly once and its final model.
 */
export async function runFolderProblems(store: RunStore, id: string, completed: boolean): Promise<string[]> {
  const problems: string[] = [];
  const runDir = store.dir(id);
  try {
    const run = await store.get(id);
    if (completed && run.status !== 'completed') problems.push(`status ${run.status}, expected completed`);
  } catch (error) {
    problems.push(`run.json: ${error instanceof Error ? error.message : String(error)}`);
  }
  const { rows, tornLines } = metricsRows(runDir);
  const lineCount = rows.length + tornLines.length;
  const allowedTorn = completed ? [] : [lineCount];
  for (const line of tornLines) if (!allowedTorn.includes(line)) problems.push(`metrics.jsonl line ${line} is torn`);
  for (const checkpoint of await listCheckpoints(runDir)) {
    const problem = await checkpointProblem(path.join(runDir, checkpoint.path));
    if (problem) problems.push(problem);
  }
  if (completed) {
    const steps = rows.filter((row) => row.loss !== undefined).map((row) => row.step);
    const expected = Array.from({ length: FAULT_STEPS }, (_, i) => i + 1);
    if (steps.join() !== expected.join()) problems.push(`steps ${steps.join(',')}, expected 1..${FAULT_STEPS} once each`);
    if (!existsSync(path.join(runDir, 'model', 'config.json')) || !existsSync(path.join(runDir, 'model', 'model.safetensors'))) problems.push('model/ is incomplete');
  }
  return problems;
}

/** Step by step, the resumed run's losses against the uninterrupted run's: equal to the last bit. */
export function lossDifferences(actual: Map<number, number>, reference: Map<number, number>): string[] {
  const differences: string[] = [];
  for (const [step, loss] of reference) if (actual.get(step) !== loss) differences.push(`step ${step}: ${actual.get(step)} vs ${loss}`);
  return differences;
}

/** The next event after index `since` of the client's event list that matches. */
export async function nextEvent(client: TestClient, since: number, match: (event: ServiceEvent) => boolean, timeoutMs = 180_000): Promise<ServiceEvent> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = client.events.slice(since).find(match);
    if (found) return found;
    if (Date.now() > deadline) throw new Error('timed out waiting for an event');
    await sleep(25);
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls runs.get until the run has ended (a restarted service sends no event for a run that ended before it started). */
export async function waitForEnd(client: TestClient, id: string, timeoutMs = 300_000): Promise<RunRecord> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const run = await client.call('runs.get', { id });
    if (!['created', 'queued', 'running'].includes(run.status)) return run;
    if (Date.now() > deadline) throw new Error(`run ${id} is still ${run.status}`);
    await sleep(200);
  }
}

export const statusIs =
  (id: string, ...statuses: RunRecord['status'][]) =>
  (event: ServiceEvent): boolean =>
    event.type === 'run.status' && event.run.id === id && statuses.includes(event.run.status);

export const stepReached =
  (id: string, step: number) =>
  (event: ServiceEvent): boolean =>
    event.type === 'run.metrics' && event.runId === id && event.rows.some((row) => row.step >= step && row.loss !== undefined);

export interface ServiceProcess {
  child: ChildProcess;
  client: TestClient;
  port: number;
  token: string;
  /** Ends it at once, as a crash would. */
  kill(): Promise<void>;
  stop(): Promise<void>;
}

/** electron/web/service-process.ts on `home`, with a connected client. */
export async function startServiceProcess(home: string): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.resolve(__dirname, '../web/service-process.ts')], {
    env: { ...process.env, WORKBENCH_HOME: home },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const { port, token } = await new Promise<{ port: number; token: string }>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening (\d+) (\S+)/.exec(output);
      if (match) resolve({ port: Number(match[1]), token: match[2]! });
    });
    child.once('exit', (code) => reject(new Error(`service exited with ${code}: ${output}`)));
  });
  const client = await connectTestClient(port, token);
  return {
    child,
    client,
    port,
    token,
    async kill() {
      client.close();
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      client.close();
      child.kill('SIGTERM');
      await exited;
    },
  };
}
