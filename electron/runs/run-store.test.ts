import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RunDamagedError, RunNotFoundError, RunStore, parseMetrics } from './run-store';

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
    // Only the last line can be torn by a crash: a bad line before it is reported, not dropped.
    expect(() => parseMetrics('{"step":1,"epoch":0}\n{"st\n{"step":2,"epoch":0}\n')).toThrow(/line 2 is not JSON/);
  });
});

describe('RunStore: damaged runs, stray files, ids and modes', () => {
  it('lists a run whose run.json is damaged as damaged, naming the file and the problem, and lists the others', async () => {
    const runs = store();
    const good = await runs.create({ name: 'good', config: {} });
    const cases: [string, string | null, RegExp][] = [
      ['created-at-number', JSON.stringify({ id: 'x', name: 'n', status: 'created', config: {}, created_at: 5 }), /created_at must be a date string \(ISO 8601\), got 5/],
      ['created-at-null', JSON.stringify({ id: 'x', name: 'n', status: 'created', config: {}, created_at: null }), /created_at must be a date string \(ISO 8601\), got null/],
      ['truncated', '{"id": "truncated", "name": "r", "status": "compl', /not valid JSON/],
      ['empty', '', /the file is empty/],
      ['array', '[1, 2]', /must hold a JSON object/],
      ['bad-status', JSON.stringify({ name: 'n', status: 'exploded', config: {}, created_at: new Date().toISOString() }), /status must be one of created, queued, running/],
      ['no-name', JSON.stringify({ status: 'created', config: {}, created_at: new Date().toISOString() }), /name is missing/],
      ['bad-checkpoint', JSON.stringify({ name: 'n', status: 'failed', config: {}, created_at: new Date().toISOString(), last_checkpoint: { step: 'four', path: 1 } }), /last_checkpoint.step must be a number/],
      ['run-json-is-a-folder', null, /is a folder, not a file/],
    ];
    for (const [id, text] of cases) {
      mkdirSync(path.join(runs.root, id));
      if (text === null) mkdirSync(path.join(runs.root, id, 'run.json'));
      else writeFileSync(path.join(runs.root, id, 'run.json'), text);
    }
    // A run whose run.json vanished but whose metrics are there is a run, damaged.
    mkdirSync(path.join(runs.root, 'lost-run-json'));
    writeFileSync(path.join(runs.root, 'lost-run-json', 'metrics.jsonl'), '{"step":1,"epoch":0}\n');
    // A folder with nothing of a run in it is not listed.
    mkdirSync(path.join(runs.root, 'not-a-run'));

    const listed = await runs.list();
    expect(listed.map((r) => r.id).sort()).toEqual([good.id, ...cases.map(([id]) => id), 'lost-run-json'].sort());
    expect(listed.find((r) => r.id === good.id)?.status).toBe('created');
    for (const [id, , problem] of [...cases, ['lost-run-json', '', /the file is missing/] as const]) {
      const run = listed.find((r) => r.id === id)!;
      expect(run.status, id).toBe('damaged');
      expect(run.damage?.file).toBe(path.join(runs.root, id, 'run.json'));
      expect(run.damage?.problem, id).toMatch(problem);
      expect(run.error).toContain(path.join(runs.root, id, 'run.json'));
      await expect(runs.get(id)).rejects.toBeInstanceOf(RunDamagedError);
      await expect(runs.get(id)).rejects.toThrow(path.join(runs.root, id, 'run.json'));
    }
    // Damaged runs can be deleted; good ones stay.
    await runs.delete('truncated');
    expect(existsSync(path.join(runs.root, 'truncated'))).toBe(false);
    expect((await runs.get(good.id)).status).toBe('created');
  });

  it('start-up recovery skips damaged runs and removes temporary files a kill left behind', async () => {
    const runs = store();
    const run = await runs.create({ name: 'r', config: {} });
    await runs.update(run.id, { status: 'running' });
    const dir = runs.dir(run.id);
    writeFileSync(path.join(dir, '.run.json.0123456789ab.tmp'), '{"torn');
    writeFileSync(path.join(dir, '.metrics.jsonl.ba9876543210.tmp'), '{"step":');
    writeFileSync(path.join(dir, 'notes.tmp'), 'mine'); // not an atomic write's temp file: kept
    mkdirSync(path.join(runs.root, 'broken'));
    writeFileSync(path.join(runs.root, 'broken', 'run.json'), '{"created_at": 5}');
    const recovered = await runs.recoverInterrupted();
    expect(recovered.map((r) => r.id)).toEqual([run.id]);
    expect(readdirSync(dir).sort()).toEqual(['notes.tmp', 'run.json']);
  });

  it('refuses "." and ".." and hidden names as run ids, so nothing outside a run folder is touched', async () => {
    const runs = store();
    const run = await runs.create({ name: 'r', config: {} });
    for (const id of ['.', '..', '.hidden', '', 'a/b', 'a\\b', 'x'.repeat(129)]) {
      expect(() => runs.dir(id), JSON.stringify(id)).toThrow(RunNotFoundError);
      await expect(runs.delete(id)).rejects.toBeInstanceOf(RunNotFoundError);
    }
    expect(existsSync(runs.root)).toBe(true);
    expect((await runs.get(run.id)).id).toBe(run.id);
  });

  it('creates run folders 0700 and their files 0600', async () => {
    const runs = store();
    const run = await runs.create({ name: 'r', config: {} });
    await runs.appendMetrics(run.id, [{ step: 1, epoch: 0 }]);
    await runs.appendLog(run.id, { level: 'info', message: 'hi', time: new Date().toISOString() });
    await runs.truncateMetricsAfter(run.id, 1);
    expect(statSync(runs.dir(run.id)).mode & 0o777).toBe(0o700);
    for (const name of ['run.json', 'metrics.jsonl', 'log.jsonl']) expect(statSync(path.join(runs.dir(run.id), name)).mode & 0o777, name).toBe(0o600);
  });
});
