import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWordPieceFixture, type FixtureName } from '../../../core/tokenizer/testdata/fixtures';
import { runCli } from '../main';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const uncasedVocab = loadWordPieceFixture('uncased').vocabPath;

let folder = '';
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'tokenize-cli-'));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

interface TokensLine {
  tokens: string[];
  ids: number[];
  offsets: [number, number][];
}

describe('bert-workbench tokenize (the real binary)', () => {
  it.each(['uncased', 'cased'] as const)('reproduces every %s conformance case from a JSONL file', async (name: FixtureName) => {
    const fixture = loadWordPieceFixture(name);
    // Both accepted line forms: {"text": ...} objects and bare JSON strings.
    const jsonl = fixture.cases.map(({ text }, i) => JSON.stringify(i % 2 === 0 ? { text } : text)).join('\n') + '\n';
    const input = join(folder, `${name}.jsonl`);
    await writeFile(input, jsonl);
    const args = ['bin/bert-workbench.mjs', 'tokenize', '--vocab', fixture.vocabPath, ...(fixture.lower ? [] : ['--cased']), '--input', input];
    const { stdout } = await promisify(execFile)('node', args, { cwd: repoRoot, maxBuffer: 16 * 1024 * 1024 });
    const lines = stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as TokensLine);
    expect(lines).toHaveLength(fixture.cases.length);
    fixture.cases.forEach((expected, i) => {
      const where = JSON.stringify(expected.text).slice(0, 50);
      expect(lines[i]!.tokens, where).toEqual(expected.tokens);
      expect(lines[i]!.ids, where).toEqual(expected.ids);
      expect(lines[i]!.offsets, where).toHaveLength(expected.tokens.length);
    });
  });
});

describe('bert-workbench tokenize (in process)', () => {
  async function run(...args: string[]) {
    let stdout = '';
    let stderr = '';
    const code = await runCli(['tokenize', ...args], { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text), isTTY: false });
    return { code, stdout, stderr };
  }

  it('tokenizes a text argument into one JSON line with offsets', async () => {
    const { code, stdout } = await run('--vocab', uncasedVocab, 'Héllo, world!');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({ tokens: ['hello', ',', 'world', '!'], ids: [7592, 1010, 2088, 999], offsets: [[0, 5], [5, 6], [7, 12], [12, 13]] });
  });

  it('honours --max-chars', async () => {
    const { stdout } = await run('--vocab', uncasedVocab, '--max-chars', '3', 'hello');
    expect(JSON.parse(stdout).tokens).toEqual(['[UNK]']);
  });

  it('reports a bad input line by number, in one line, with exit code 1 and no partial output', async () => {
    const input = join(folder, 'bad.jsonl');
    await writeFile(input, '{"text": "ok"}\n\n{"text": oops}\n');
    const { code, stdout, stderr } = await run('--vocab', uncasedVocab, '--input', input);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^bert-workbench tokenize: .*bad\.jsonl line 3: malformed JSON \(.*\)\n$/);

    await writeFile(input, '{"label": 1}\n');
    expect((await run('--vocab', uncasedVocab, '--input', input)).stderr).toMatch(/line 1: expected \{"text": "\.\.\."\} or a JSON string\n$/);
  });

  it('reports missing files with exit code 1', async () => {
    const missingInput = await run('--vocab', uncasedVocab, '--input', join(folder, 'nope.jsonl'));
    expect(missingInput).toMatchObject({ code: 1, stderr: expect.stringMatching(/cannot read .*nope\.jsonl: no such file\n$/) });
    const missingVocab = await run('--vocab', join(folder, 'nope.txt'), 'text');
    expect(missingVocab).toMatchObject({ code: 1, stderr: expect.stringMatching(/no vocabulary file at .*nope\.txt\n$/) });
  });

  it.each([
    [['text'], /--vocab FILE is required/],
    [['--vocab', 'v.txt'], /give the text as one \(quoted\) argument/],
    [['--vocab', 'v.txt', 'two', 'words'], /give the text as one \(quoted\) argument/],
    [['--vocab', 'v.txt', '--input', 'x.jsonl', 'text'], /either --input FILE.jsonl or TEXT/],
    [['--vocab', 'v.txt', '--max-chars', '0', 'text'], /--max-chars must be a positive integer/],
    [['--vocab', 'v.txt', '--lower', 'text'], /unknown option --lower/],
  ])('exits 2 with the usage for %j', async (args, message) => {
    const { code, stderr } = await run(...args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/Usage: bert-workbench tokenize --vocab FILE/);
  });
});
