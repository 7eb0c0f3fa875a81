// The service's distillation methods end to end, with real worker processes:
// runs.distil makes a student run from a finished teacher (its data, its settings, the
// changes asked for), runs.latency times both models in a worker, and both refuse runs
// that have no final model.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceCheckpointDir } from '../../core/model/testing';
import type { MethodName, MethodParams, MethodResults, RunRecord } from '../contract';
import { nodeWorkerLauncher } from '../worker/node-launcher';
import { createWorkbench, type Workbench } from './workbench';
import type { RunConfigInput } from '../contract';

let home: string;
let workbench: Workbench;
const seen: RunRecord[] = [];
let nextId = 1;

async function call<M extends MethodName>(method: M, params: MethodParams<M>): Promise<MethodResults[M]> {
  const reply = await workbench.host.handle(JSON.stringify({ id: nextId++, method, params }));
  if ('error' in reply) throw new Error(reply.error.message);
  return reply.result as MethodResults[M];
}

function finished(id: string, timeoutMs = 120_000): Promise<RunRecord> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`run ${id} did not finish`)), timeoutMs);
    const check = () => {
      const run = seen.findLast((r) => r.id === id);
      if (run && ['completed', 'failed', 'cancelled'].includes(run.status)) {
        clearTimeout(timer);
        resolve(run);
        return true;
      }
      return false;
    };
    if (check()) return;
    const stop = workbench.host.subscribe(() => check() && stop());
  });
}

beforeAll(async () => {
  home = mkdtempSync(path.join(os.tmpdir(), 'wb-distil-'));
  const reviews = ['this movie is good', 'this film is great', 'i love this story', 'the plot is very good', 'this movie is bad', 'this film is terrible', 'i hate this plot', 'the actors are really bad'];
  writeFileSync(path.join(home, 'train.tsv'), ['sentence\tlabel', ...reviews.map((text, i) => `${text}\t${i < 4 ? 'positive' : 'negative'}`)].join('\n') + '\n');
  workbench = await createWorkbench({ mode: 'browser', listSamples: async () => [], home, launchWorker: nodeWorkerLauncher() });
  workbench.host.subscribe((event) => {
    const e = event as { type: string; run?: RunRecord };
    if (e.type === 'run.status' && e.run) seen.push(e.run);
  });
});

afterAll(async () => {
  await workbench.close();
  rmSync(home, { recursive: true, force: true });
});

describe('runs.distil and runs.latency', () => {
  it('a finished run teaches a student with its data and settings, and both are timed on this machine', async () => {
    const teacherConfig: RunConfigInput = {
      task: 'classification',
      model: { checkpoint: referenceCheckpointDir('sequence-classification') },
      data: { train: path.join(home, 'train.tsv'), validation: path.join(home, 'train.tsv') },
      training: { max_steps: 4, batch_size: 4, learning_rate: 1e-3, seed: 2 },
    };
    const teacher = await call('runs.create', { config: teacherConfig, name: 'teacher', start: true });
    expect((await finished(teacher.id)).status).toBe('completed');

    const queued = await call('runs.distil', { id: teacher.id, student: { checkpoint: referenceCheckpointDir('sequence-classification') }, temperature: 3, training: { max_steps: 3 }, start: true });
    expect(queued.name).toBe('sequence-classification ← teacher');
    expect(queued.config).toMatchObject({
      task: 'classification',
      data: teacherConfig.data,
      training: { max_steps: 3, batch_size: 4, learning_rate: 1e-3, seed: 2 },
      distillation: { teacher: path.join(home, 'runs', teacher.id), temperature: 3, alpha: 0.5 },
    });
    const student = await finished(queued.id);
    expect(student.error).toBeUndefined();
    expect(student.status).toBe('completed');

    const report = await call('runs.latency', { ids: [teacher.id, student.id], seqLen: 16 });
    expect(report).toMatchObject({ seq_len: 16, disturbed: false });
    expect(report.rounds).toBeGreaterThanOrEqual(3);
    expect(report.models.map((m) => m.id)).toEqual([teacher.id, student.id]);
    for (const model of report.models) {
      expect(model.parameters).toBe(report.models[0]!.parameters); // the same architecture
      expect(model.size_bytes).toBeGreaterThan(model.parameters * 4);
      expect(model.latency_ms.batch_1).toBeGreaterThan(0);
      expect(model.latency_ms.batch_8).toBeGreaterThan(0);
      expect(model.spread_ms.batch_8[0]).toBeLessThanOrEqual(model.latency_ms.batch_8);
    }

    // A finished run's model is a student too.
    const fromRun = await call('runs.distil', { id: teacher.id, student: { run: student.id } });
    expect(fromRun.config.model).toEqual({ checkpoint: path.join(home, 'runs', student.id, 'model') });
    expect(fromRun.name).toBe(`${student.name} ← teacher`);
  });

  it('refuses runs without a final model and bad settings, naming what is wrong', async () => {
    const unfinished = await call('runs.create', { config: { task: 'classification', model: { preset: 'bert-tiny' }, data: { train: path.join(home, 'train.tsv') } }, name: 'unfinished' });
    await expect(call('runs.distil', { id: unfinished.id, student: { preset: 'bert-tiny' } })).rejects.toThrow('run "unfinished" has no final model yet (it is created)');
    await expect(call('runs.latency', { ids: [unfinished.id] })).rejects.toThrow('run "unfinished" has no final model yet (it is created)');
    const teacher = seen.find((r) => r.name === 'teacher')!;
    await expect(call('runs.distil', { id: teacher.id, student: { preset: 'bert-tiny' }, alpha: 2 })).rejects.toThrow('distillation.alpha: must be between 0 and 1, got 2');
    await expect(call('runs.distil', { id: teacher.id, student: { preset: 'bert-huge' } })).rejects.toThrow('model.preset: unknown preset "bert-huge"');
  });
});
