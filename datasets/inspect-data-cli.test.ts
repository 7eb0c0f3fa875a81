// `bert-workbench inspect-data` (electron/cli/commands/inspect-data.ts): in process for the
// output, and through the real binary for a few broken files (exit 1 and the message).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runCli } from '../electron/cli/main';

const ROOT = join(__dirname, '..');
const BROKEN = join(__dirname, 'testdata/broken');
const SAMPLES = join(__dirname, 'samples');

async function cli(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(['inspect-data', ...args], { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), isTTY: false });
  return { code, stdout, stderr };
}

describe('inspect-data', () => {
  it('prints statistics and exits 0 for a valid data set', async () => {
    const { code, stdout } = await cli('--task', 'classification', join(SAMPLES, 'sst2/train.tsv'), '--validation', join(SAMPLES, 'sst2/dev.tsv'));
    expect(code).toBe(0);
    expect(stdout).toContain('2000 examples');
    expect(stdout).toContain('labels: 1 444 (51%), 0 428 (49%)');
    expect(stdout).toMatch(/word pieces: min \d+, median \d+/);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('valid');
  });

  it('prints one JSON object with --json', async () => {
    const { code, stdout } = await cli('--task', 'ner', join(BROKEN, 'ner-missing-tag.conll'), '--json');
    expect(code).toBe(1);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ task: 'ner', valid: false, files: { train: join(BROKEN, 'ner-missing-tag.conll') } });
    expect(report.problems[0]).toMatchObject({ severity: 'error', code: 'missing-tag', line: 5 });
    expect(report.stats.train.sentences).toBe(2);
    expect(report).not.toHaveProperty('train');
  });

  it('reads NER tag ids with --tag-names', async () => {
    const { code } = await cli('--task', 'ner', join(__dirname, 'testdata/valid/ner-ids.jsonl'), '--tag-names', 'O,B-PER,I-PER,B-ORG,I-ORG,B-LOC,I-LOC,B-MISC,I-MISC');
    expect(code).toBe(0);
  });

  it.each([
    [['--task', 'classification'], 'give the data file to inspect'],
    [['x.csv'], '--task is required'],
    [['--task', 'sentiment', 'x.csv'], '--task must be one of classification, ner, qa, mlm, got "sentiment"'],
    [['--task', 'qa', 'a.json', 'b.json'], 'give one data file'],
    [['--task', 'qa', '--max-seq-length', '0', 'a.json'], '--max-seq-length must be a positive integer'],
    [['--task', 'qa', '--format', 'csv', 'a.json'], '--format for qa must be one of json, jsonl'],
    [['--task', 'qa', '--shuffle', 'a.json'], 'unknown option --shuffle'],
  ])('exits 2 on a usage error: %j', async (args, message) => {
    const { code, stderr } = await cli(...args);
    expect(code).toBe(2);
    expect(stderr).toContain(message);
  });

  it.each([
    ['classification', 'cls-latin1.csv', 'cls-latin1.csv:3: bytes that are not UTF-8 at byte 4 of the line (file offset 21): 0xE9'],
    ['ner', 'ner-bad-tag.conll', 'ner-bad-tag.conll:3: tag "PERSON" is not O, B-TYPE or I-TYPE'],
    ['qa', 'qa-answer-mismatch.json', 'qa-answer-mismatch.json:23 (record q-mismatch, field "answers[0].answer_start"): answer text not found at answer_start 30'],
  ])('the real binary exits 1 for a broken %s file (%s)', (task, file, message) => {
    const result = spawnSync(process.execPath, ['bin/bert-workbench.mjs', 'inspect-data', '--task', task, join('datasets/testdata/broken', file)], { cwd: ROOT, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(message);
    expect(result.stdout + result.stderr).not.toMatch(/\n\s+at /);
  });
});
