// tokenizer.json judged by transformers.js (@huggingface/transformers, whose tokenizers
// are @huggingface/tokenizers): loaded offline from an export folder, it gives the app's
// ids — [CLS]/[SEP] and type ids included — on the 194 WordPiece conformance cases of
// google-research/bert's own tokenizer (uncased and cased vocabularies) and on pairs.
//
// One rule differs on purpose, and the test states it: a special token typed as text
// ("[MASK]") is that special token in every Hugging Face tokenizer (fill-mask depends on
// it), while BERT's original tokenizer, which the app follows, splits it like any text.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AutoTokenizer, env, type PreTrainedTokenizer } from '@huggingface/transformers';
import { BertTokenizer } from '../tokenizer/bert-tokenizer';
import { loadWordPieceFixture, type FixtureName } from '../tokenizer/testdata/fixtures';
import { TOKENIZER_CONFIG_FILE } from '../checkpoint/hf-folder';
import { exportTokenizerConfig, SPECIAL_TOKENS_MAP_FILE, specialTokensMap, tokenizerSettings } from './tokenizer-files';
import { TOKENIZER_JSON_FILE, tokenizerJson } from './tokenizer-json';

let root: string;
const MAX_LENGTH = 512;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'bert-tokenizer-json-'));
  env.allowRemoteModels = false;
  env.localModelPath = root;
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The export's tokenizer files for a fixture's vocabulary, loaded by transformers.js and by the app. */
async function tokenizers(name: FixtureName): Promise<{ theirs: PreTrainedTokenizer; ours: BertTokenizer; cases: ReturnType<typeof loadWordPieceFixture>['cases'] }> {
  const fixture = loadWordPieceFixture(name);
  const vocab = readFileSync(fixture.vocabPath, 'utf8');
  const checkpointConfig = { do_lower_case: fixture.lower, max_input_chars_per_word: fixture.maxInputCharsPerWord };
  const settings = tokenizerSettings(checkpointConfig, MAX_LENGTH);
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, TOKENIZER_JSON_FILE), JSON.stringify(tokenizerJson(vocab, settings)));
  writeFileSync(join(dir, TOKENIZER_CONFIG_FILE), JSON.stringify(exportTokenizerConfig(checkpointConfig, MAX_LENGTH)));
  writeFileSync(join(dir, SPECIAL_TOKENS_MAP_FILE), JSON.stringify(specialTokensMap(settings)));
  const theirs = await AutoTokenizer.from_pretrained(name, { local_files_only: true });
  return { theirs, ours: BertTokenizer.fromVocabText(vocab, settings), cases: fixture.cases };
}

function ids(tensor: { tolist(): unknown } | undefined): number[] {
  if (!tensor) throw new Error('the tokenizer returned no such tensor');
  return (tensor.tolist() as (number | bigint)[][])[0]!.map(Number);
}

/** Hugging Face's rule for special tokens typed as text: each is its own id, the text between is tokenized as usual. */
function withTypedSpecialTokens(ours: BertTokenizer, text: string): number[] {
  const specials = [ours.config.clsToken, ours.config.sepToken, ours.config.padToken, ours.config.unkToken, ours.config.maskToken];
  const pattern = new RegExp(`(${specials.map((s) => s.replace(/[[\]]/g, '\\$&')).join('|')})`);
  const pieces = text.split(pattern).filter((piece) => piece !== '');
  const inner = pieces.flatMap((piece) => (specials.includes(piece) ? [ours.tokenToId(piece)!] : ours.tokenize(piece).map((t) => t.id)));
  return [ours.clsId, ...inner, ours.sepId];
}

describe.each(['uncased', 'cased'] as const)('%s vocabulary: transformers.js on the export\'s tokenizer.json', (name) => {
  let theirs: PreTrainedTokenizer;
  let ours: BertTokenizer;
  let cases: ReturnType<typeof loadWordPieceFixture>['cases'];
  beforeAll(async () => ({ theirs, ours, cases } = await tokenizers(name)));

  it('gives the app\'s ids on all 97 conformance cases', () => {
    expect(cases).toHaveLength(97);
    let typedSpecials = 0;
    for (const { text } of cases) {
      const encoded = theirs(text);
      const app = ours.encode(text, undefined, { maxLength: MAX_LENGTH });
      const hasTypedSpecial = /\[(CLS|SEP|PAD|UNK|MASK)\]/.test(text);
      typedSpecials += Number(hasTypedSpecial);
      expect(ids(encoded.input_ids), JSON.stringify(text)).toEqual(hasTypedSpecial ? withTypedSpecialTokens(ours, text) : app.inputIds);
      expect(ids(encoded.token_type_ids)).toEqual(ids(encoded.input_ids).map(() => 0));
      expect(ids(encoded.attention_mask)).toEqual(ids(encoded.input_ids).map(() => 1));
    }
    expect(typedSpecials).toBe(1); // "[CLS] [SEP] [MASK] [UNK] [PAD]"
  });

  it('frames pairs as the app does: [CLS] A [SEP] B [SEP], type ids 1 from B on', () => {
    const texts = cases.map((c) => c.text).filter((t) => t.trim() !== '' && !/\[(CLS|SEP|PAD|UNK|MASK)\]/.test(t));
    for (let i = 0; i + 1 < texts.length; i += 7) {
      const [a, b] = [texts[i]!, texts[i + 1]!];
      const encoded = theirs(a, { text_pair: b });
      const app = ours.encode(a, b, { maxLength: MAX_LENGTH });
      expect(ids(encoded.input_ids), `${JSON.stringify(a)} + ${JSON.stringify(b)}`).toEqual(app.inputIds);
      expect(ids(encoded.token_type_ids)).toEqual(app.tokenTypeIds);
    }
  });
});

describe('tokenizer.json', () => {
  it('states the checkpoint\'s settings in the tokenizers format', () => {
    const vocab = '[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nhello\n##s\n';
    const json = tokenizerJson(vocab, tokenizerSettings({ do_lower_case: false, strip_accents: true, tokenize_chinese_chars: false, max_input_chars_per_word: 50 }, 128));
    expect(json.normalizer).toEqual({ type: 'BertNormalizer', clean_text: true, handle_chinese_chars: false, strip_accents: true, lowercase: false });
    expect(json.pre_tokenizer).toEqual({ type: 'BertPreTokenizer' });
    expect(json.model).toEqual({ type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 50, vocab: { '[PAD]': 0, '[UNK]': 1, '[CLS]': 2, '[SEP]': 3, '[MASK]': 4, hello: 5, '##s': 6 } });
    expect(json.post_processor).toMatchObject({ type: 'TemplateProcessing', special_tokens: { '[CLS]': { ids: [2] }, '[SEP]': { ids: [3] } } });
    expect((json.added_tokens as { content: string; id: number; special: boolean }[]).map((t) => [t.content, t.id, t.special])).toEqual([
      ['[PAD]', 0, true],
      ['[UNK]', 1, true],
      ['[CLS]', 2, true],
      ['[SEP]', 3, true],
      ['[MASK]', 4, true],
    ]);
    expect(() => tokenizerJson('hello\n', tokenizerSettings({}, 128))).toThrow(/no special token \[PAD\]/);
  });
});
