import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultVocabPath, loadDefaultTokenizer, loadTokenizer, loadTokenizerFromVocabFile } from './load-node';
import { loadWordPieceFixture } from './testdata/fixtures';

describe('loading tokenizers from disk', () => {
  let folder = '';
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'tokenizer-'));
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  const checkpoint = async (name: string, config?: string) => {
    const dir = join(folder, name);
    await mkdir(dir);
    await copyFile(loadWordPieceFixture('cased').vocabPath, join(dir, 'vocab.txt'));
    if (config !== undefined) await writeFile(join(dir, 'tokenizer_config.json'), config);
    return dir;
  };

  it('ships the bert-base-uncased vocabulary and loads it uncased, with its 512-token limit', async () => {
    expect(existsSync(defaultVocabPath())).toBe(true);
    const tokenizer = await loadDefaultTokenizer();
    expect(tokenizer.vocabSize).toBe(30522);
    expect(tokenizer.config.modelMaxLength).toBe(512);
    expect(tokenizer.tokenize('Héllo').map((t) => t.text)).toEqual(['hello']);
  });

  it("reads a checkpoint's vocab.txt with the settings of its tokenizer_config.json", async () => {
    const dir = await checkpoint('cased', JSON.stringify({ do_lower_case: false, model_max_length: 512, unk_token: { content: '[UNK]' } }));
    const tokenizer = await loadTokenizer(dir);
    expect(tokenizer.config.doLowerCase).toBe(false);
    expect(tokenizer.config.modelMaxLength).toBe(512);
    expect(tokenizer.tokenize('Hello').map((t) => t.text)).toEqual(['Hello']);
  });

  it('lowercases, as Hugging Face does, when there is no tokenizer_config.json', async () => {
    const tokenizer = await loadTokenizer(await checkpoint('bare'));
    expect(tokenizer.config.doLowerCase).toBe(true);
  });

  it('names the file at fault', async () => {
    await expect(loadTokenizer(join(folder, 'missing'))).rejects.toThrow(/no vocabulary file at .*missing.vocab\.txt/);
    await expect(loadTokenizer(await checkpoint('broken', '{"do_lower_case": '))).rejects.toThrow(/broken.tokenizer_config\.json: /);
    const notAVocab = join(folder, 'empty.txt');
    await writeFile(notAVocab, '');
    await expect(loadTokenizerFromVocabFile(notAVocab)).rejects.toThrow(/empty\.txt: the vocabulary is empty/);
  });
});
