// The BERT tokenizer: the pipeline normalize -> pre-tokenize -> WordPiece -> post-process,
// configured from a checkpoint's vocabulary and tokenizer_config.json.
import { originalSpan } from './aligned-text';
import { shouldStripAccents, withDefaults, type TokenizerConfig } from './config';
import { emptySequence, pushToken, type EncodeOptions, type Encoding, type SequenceTokens } from './encoding';
import { normalize, normalizeSteps, type NormalizeStep } from './normalize';
import { postProcess, type PostProcessContext } from './post-process';
import { splitWords } from './pre-tokenize';
import type { SpecialToken } from './special-tokens';
import { Vocab } from './vocab';
import { joinPieces, WordPiece } from './wordpiece';

/** A token of the input text: `text` is the vocabulary piece ("##ing"), [start, end) the UTF-16 span of the input it came from. */
export interface Token {
  text: string;
  id: number;
  start: number;
  end: number;
}

export class BertTokenizer {
  readonly config: TokenizerConfig;
  readonly clsId: number;
  readonly sepId: number;
  readonly padId: number;
  readonly unkId: number;
  readonly maskId: number;
  private readonly normalizeSteps: NormalizeStep[];
  private readonly wordPiece: WordPiece;
  private readonly postProcessContext: PostProcessContext;
  private readonly specialIds: ReadonlySet<number>;

  private constructor(
    private readonly vocab: Vocab,
    config: TokenizerConfig,
  ) {
    if (!Number.isInteger(config.maxInputCharsPerWord) || config.maxInputCharsPerWord < 1) {
      throw new RangeError(`maxInputCharsPerWord must be a positive integer, got ${config.maxInputCharsPerWord}`);
    }
    this.config = Object.freeze({ ...config });
    const special = (token: string): SpecialToken => {
      const id = vocab.id(token);
      if (id === undefined) throw new Error(`the vocabulary has no special token ${token}`);
      return { token, id };
    };
    const specials = { cls: special(config.clsToken), sep: special(config.sepToken), pad: special(config.padToken), unk: special(config.unkToken), mask: special(config.maskToken) };
    this.clsId = specials.cls.id;
    this.sepId = specials.sep.id;
    this.padId = specials.pad.id;
    this.unkId = specials.unk.id;
    this.maskId = specials.mask.id;
    this.specialIds = new Set(Object.values(specials).map((s) => s.id));
    this.normalizeSteps = normalizeSteps({
      lowercase: config.doLowerCase,
      stripAccents: shouldStripAccents(config),
      isolateCjkIdeographs: config.tokenizeChineseChars,
    });
    this.wordPiece = new WordPiece(vocab, { unkToken: config.unkToken, maxInputCharsPerWord: config.maxInputCharsPerWord });
    this.postProcessContext = { template: { cls: specials.cls, sep: specials.sep }, pad: specials.pad, modelMaxLength: config.modelMaxLength };
  }

  static fromVocabText(vocabText: string, config: Partial<TokenizerConfig> = {}): BertTokenizer {
    return new BertTokenizer(Vocab.parse(vocabText), withDefaults(config));
  }

  get vocabSize(): number {
    return this.vocab.size;
  }

  tokenToId(token: string): number | undefined {
    return this.vocab.id(token);
  }

  idToToken(id: number): string | undefined {
    return this.vocab.token(id);
  }

  tokenize(text: string): Token[] {
    const { ids, tokens, offsets } = this.tokenizeSequence(text);
    return ids.map((id, i) => ({ text: tokens[i]!, id, start: offsets[i]![0], end: offsets[i]![1] }));
  }

  encode(text: string, pair?: string, options: EncodeOptions = {}): Encoding {
    const tokenize = (sequence: string) => (options.maskTokenInText ? this.tokenizeWithMasks(sequence) : this.tokenizeSequence(sequence));
    return postProcess(tokenize(text), pair === undefined ? undefined : tokenize(pair), options, this.postProcessContext);
  }

  /** For text already split into words (NER): offsets are within each word, word ids index the array. */
  encodeWords(words: string[], pairWords?: string[], options: EncodeOptions = {}): Encoding {
    const second = pairWords === undefined ? undefined : this.tokenizeWords(pairWords);
    return postProcess(this.tokenizeWords(words), second, options, this.postProcessContext);
  }

  decode(ids: number[], options: { skipSpecialTokens?: boolean } = {}): string {
    const kept = options.skipSpecialTokens ? ids.filter((id) => !this.specialIds.has(id)) : ids;
    return joinPieces(
      kept.map((id) => {
        const token = this.vocab.token(id);
        if (token === undefined) throw new RangeError(`token id ${id} is outside the vocabulary (size ${this.vocab.size})`);
        return token;
      }),
    );
  }

  private tokenizeSequence(text: string): SequenceTokens {
    const normalized = normalize(text, this.normalizeSteps);
    const sequence = emptySequence();
    splitWords(normalized.text).forEach(([wordFrom, wordTo], wordId) => {
      for (const piece of this.wordPiece.tokenizeWord(normalized.text.slice(wordFrom, wordTo))) {
        pushToken(sequence, piece.id, piece.token, originalSpan(normalized, wordFrom + piece.from, wordFrom + piece.to), wordId);
      }
    });
    return sequence;
  }

  /** The text between the mask tokens typed in it, tokenized as text; each mask token one word of its own. */
  private tokenizeWithMasks(text: string): SequenceTokens {
    const mask = this.config.maskToken;
    const sequence = emptySequence();
    let partStart = 0;
    let wordsBefore = 0;
    text.split(mask).forEach((part, i) => {
      if (i > 0) pushToken(sequence, this.maskId, mask, [partStart - mask.length, partStart], wordsBefore++);
      const { ids, tokens, offsets, wordIds } = this.tokenizeSequence(part);
      ids.forEach((id, t) => pushToken(sequence, id, tokens[t]!, [partStart + offsets[t]![0], partStart + offsets[t]![1]], wordsBefore + wordIds[t]!));
      // Every word gives at least one piece ([UNK] at worst), so the last word id counts the part's words.
      wordsBefore += wordIds.length === 0 ? 0 : wordIds.at(-1)! + 1;
      partStart += part.length + mask.length;
    });
    return sequence;
  }

  private tokenizeWords(words: string[]): SequenceTokens {
    const sequence = emptySequence();
    words.forEach((word, wordId) => {
      const { ids, tokens, offsets } = this.tokenizeSequence(word);
      ids.forEach((id, i) => pushToken(sequence, id, tokens[i]!, offsets[i]!, wordId));
    });
    return sequence;
  }
}
