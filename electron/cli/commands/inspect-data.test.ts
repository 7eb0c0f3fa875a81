// `bert-workbench inspect-data` (electron/cli/commands/inspect-data.ts): in process for the
// output, and through the real binary for a few broken files (exit 1 and the message).
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { runCli } from '../main';

const ROOT = join(__dirname, '..', '..', '..');
const BROKEN = join(ROOT, 'datasets', 'testdata', 'broken');
const SAMPLES = join(ROOT, 'datasets', 'samples');

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
    expect(stdout).toContain('2,000 examples, 2 labels');
    expect(stdout).toContain('labels: 1 444 (51%), 0 428 (49%)');
    expect(stdout).toMatch(/word pieces: min \d+, median \d+/);
    expect(stdout.trimEnd().split('\n').at(-1)).toBe('valid');
  });

  it('gives totals as well as shares (CoNLL-2003 validation: 3,250 sentences, 5,942 entities)', async () => {
    const { code, stdout } = await cli('--task', 'ner', join(ROOT, 'datasets', 'testdata/full/conll2003/valid.txt'));
    expect(code).toBe(0);
    expect(stdout).toContain('3,250 sentences, 51,362 words, 5,942 entities');
    expect(stdout).toContain('entities: PER 1,842 (31%), LOC 1,837 (31%), ORG 1,341 (23%), MISC 922 (16%)');
  });

  it('prints escape sequences from the data as text, not to the terminal', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inspect-escape-'));
    try {
      const file = join(dir, 'evil.conll');
      writeFileSync(file, 'Peter B-PER\nvisited \u001b]0;pwned\u0007\u001b[2JX\nParis B-LOC\n');
      const { stdout } = await cli('--task', 'ner', file);
      expect(stdout).toContain('\\x1b]0;pwned\\x07\\x1b[2JX');
      expect(stdout).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('maps columns and names labels with --columns and --label-names', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inspect-columns-'));
    try {
      const file = join(dir, 'sms.csv');
      writeFileSync(file, 'sms,spam\nhi there,0\nwin money now,1\nsee you,0\n');
      const refused = await cli('--task', 'classification', file);
      expect(refused.code).toBe(1);
      expect(refused.stdout).toContain('no text column');
      const { code, stdout } = await cli('--task', 'classification', file, '--columns', 'text=sms,label=spam', '--label-names', '0=ham,1=spam', '--json');
      expect(code).toBe(0);
      const report = JSON.parse(stdout);
      expect(report.columns).toEqual({ available: ['sms', 'spam'], chosen: { text: 'sms', label: 'spam' }, given: ['text', 'label'] });
      expect(report.labels).toEqual(['ham', 'spam']);
      expect(report.labelsAsWritten).toEqual(['0', '1']);
      const wrong = await cli('--task', 'classification', file, '--columns', 'text=sms,words=spam');
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toContain('--columns.words: is not a column role for classification');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
    const { code } = await cli('--task', 'ner', join(ROOT, 'datasets', 'testdata/valid/ner-ids.jsonl'), '--tag-names', 'O,B-PER,I-PER,B-ORG,I-ORG,B-LOC,I-LOC,B-MISC,I-MISC');
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
