import { mkdtempSync, readFileSync, readdirSync, writeFileSync, appendFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunNotFoundError, RunStore, parseMetrics } from './run-store';

function store(): RunStore {
  return new RunStore(mkdtempSync(path.join(os.tmpdir(), 'wb-runs-')));
}

describe('RunStore', () => {
  it('creates run folders with run.json and lists them newest first', async () => {
    const runs = store();
    const a = await runs.create({ name: 'SST-2 bert-tiny', config: { task: 'classification' } });
    await new Promise((r) => setTimeout(r, 5));
    const b = await runs.create({ name: 'frozen', config: { task: 'classification' } });
    expect(a.id).toMatch(/^\d{8}-\d{6}-sst-2-bert-tiny-[0-9a-f]{4}$/);
    expect(JSON.parse(readFileSync(path.join(runs.dir(a.id), 'run.json'), 'utf8')).status).toBe('created');
    expect((await runs.list()).map((r) => r.id)).toEqual([b.id, a.id]);
  });

  it('updates run.json by replacing it whole, never leaving temporary files', async () => {
    const runs = store();
    const run = await runs.create({ name: 'r', config: {} });
    await runs.update(run.id, { status: 'running', progress: { step: 3, total_steps: 10, epoch: 0.3 } });
    expect((await runs.get(run.id)).progress?.step).toBe(3);
    expect(readdirSync(runs.dir(run.id))).toEqual(['run.json']);
  });

  it('keeps the last complete run.json when a write died between temp file and rename', async () => {
    const runs = store();
    const run = await runs.create({ name: 'r', config: {} });
    await runs.update(run.id, { status: 'running' });
    // What a crash after writing (part of) the temp file and before the rename leaves behind.
    writeFileSync(path.join(runs.dir(run.id), '.run.json.abc123.tmp'), '{"id": "r", "status": "compl');
    expect((await runs.get(run.id)).status).toBe('running');
    expect((await runs.list()).map((r) => r.id)).toEqual([run.id]);
  });

  it('appends metrics and reads them since a step, skipping a torn last line', async () => {
    const runs = store();
    const run = await runs.create({ name: 'r', config: {} });
    await runs.appendMetrics(run.id, [
      { step: 1, epoch: 0.1, loss: 0.9 },
      { step: 2, epoch: 0.2, loss: 0.8 },
    ]);
    await runs.appendMetrics(run.id, [{ step: 3, epoch: 0.3, loss: 0.7 }]);
    appendFileSync(path.join(runs.dir(run.id), 'metrics.jsonl'), '{"step": 4, "epo');
    expect((await runs.readMetrics(run.id)).map((r) => r.step)).toEqual([1, 2, 3]);
    expect((await runs.readMetrics(run.id, 2)).map((r) => r.step)).toEqual([3]);
    await runs.truncateMetricsAfter(run.id, 2);
    expect(readFileSync(path.join(runs.dir(run.id), 'metrics.jsonl'), 'utf8').trim().split('\n')).toHaveLength(2);
  });

  it('marks runs left running by a crash as interrupted on start-up', async () => {
    const runs = store();
    const crashed = await runs.create({ name: 'crashed', config: {} });
    const done = await runs.create({ name: 'done', config: {} });
    await runs.update(crashed.id, { status: 'running' });
    await runs.update(done.id, { status: 'completed' });
    const recovered = await runs.recoverInterrupted();
    expect(recovered.map((r) => r.id)).toEqual([crashed.id]);
    expect((await runs.get(crashed.id)).status).toBe('interrupted');
    expect((await runs.get(done.id)).status).toBe('completed');
  });

  it('refuses ids that are not plain folder names, and unknown runs', async () => {
    const runs = store();
    await expect(runs.get('../etc')).rejects.toBeInstanceOf(RunNotFoundError);
    await expect(runs.get('nope')).rejects.toThrow('there is no run "nope"');
    await expect(runs.delete('nope')).rejects.toBeInstanceOf(RunNotFoundError);
  });

  it('parses metrics text line by line', () => {
    expect(parseMetrics('{"step":1,"epoch":0}\n\n{"step":2,"epoch":0}\n{"st')).toHaveLength(2);
  });
});
