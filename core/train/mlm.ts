// Masked-language-model inputs with the semantics of Transformers'
// DataCollatorForLanguageModeling (BERT's recipe): each non-special token is chosen with
// probability mlm_probability (0.15); a chosen token becomes [MASK] 80% of the time, a
// random vocabulary token 10%, and stays itself 10%. Labels hold the original id at
// chosen positions and -100 (ignored by the loss) elsewhere. With whole-word masking
// (DataCollatorForWholeWordMask) words are chosen instead of pieces: a word and its
// "##" continuations are masked together. Every draw comes from the run's Rng, in token
// order, so a resumed run masks exactly as the uninterrupted one would.
import type { Rng } from '../random';

/** The tokenizer as pre-training data needs it. */
export interface PretrainingTokenizer {
  tokenize(text: string): { id: number }[];
  clsId: number;
  sepId: number;
  maskId: number;
  padId: number;
  /** Never masked either when given, as HF's special-tokens mask includes [UNK]. */
  unkId?: number;
  vocabSize: number;
}

export type SpecialTokenIds = Omit<PretrainingTokenizer, 'tokenize'>;

/** How masks are drawn: the tokens never chosen, and Transformers' knobs. */
export interface MaskingOptions extends SpecialTokenIds {
  /** Share of the tokens chosen for prediction (mlm_probability); default 0.15. */
  mlmProbability?: number;
  /** Whole-word masking: the ids of word-piece continuations ("##ing"), which belong to the word before them. */
  continuationIds?: ReadonlySet<number>;
}

export interface MaskedTokens {
  input_ids: number[];
  labels: number[];
}

export const IGNORED_LABEL = -100;
export const DEFAULT_MLM_PROBABILITY = 0.15;

export function maskTokens(inputIds: readonly number[], tokens: MaskingOptions, rng: Rng, mlmProbability = tokens.mlmProbability ?? DEFAULT_MLM_PROBABILITY): MaskedTokens {
  const special = specialIds(tokens);
  const masked: MaskedTokens = { input_ids: [...inputIds], labels: inputIds.map(() => IGNORED_LABEL) };
  const corrupt = (i: number) => {
    const id = inputIds[i]!;
    masked.labels[i] = id;
    const action = rng.nextFloat();
    if (action < 0.8) masked.input_ids[i] = tokens.maskId;
    // Any vocabulary id, special ones included, as torch.randint(len(tokenizer)) draws.
    else if (action < 0.9) masked.input_ids[i] = rng.nextInt(tokens.vocabSize);
  };
  if (tokens.continuationIds) {
    for (const i of chooseWholeWords(inputIds, special, tokens.continuationIds, mlmProbability, rng)) corrupt(i);
    return masked;
  }
  inputIds.forEach((id, i) => {
    if (special.has(id) || rng.nextFloat() >= mlmProbability) return;
    corrupt(i);
  });
  return masked;
}

function specialIds(tokens: SpecialTokenIds): Set<number> {
  return new Set([tokens.clsId, tokens.sepId, tokens.padId, tokens.maskId, ...(tokens.unkId === undefined ? [] : [tokens.unkId])]);
}

/**
 * DataCollatorForWholeWordMask's choice: the words (a piece and the "##" pieces after it)
 * in random order, taken whole while the chosen pieces stay within round(n · p) of the n
 * maskable pieces (a word that would overshoot is skipped). Positions in token order.
 */
function chooseWholeWords(inputIds: readonly number[], special: ReadonlySet<number>, continuations: ReadonlySet<number>, probability: number, rng: Rng): number[] {
  const words: number[][] = [];
  let maskable = 0;
  inputIds.forEach((id, i) => {
    if (special.has(id)) return;
    maskable++;
    const previous = words[words.length - 1];
    if (continuations.has(id) && previous && previous[previous.length - 1] === i - 1) previous.push(i);
    else words.push([i]);
  });
  if (words.length === 0) return [];
  const target = Math.max(1, Math.round(maskable * probability));
  const chosen: number[] = [];
  for (const w of rng.permutation(words.length)) {
    if (chosen.length >= target) break;
    const word = words[w]!;
    if (chosen.length + word.length > target) continue;
    chosen.push(...word);
  }
  return chosen.sort((a, b) => a - b);
}

/** The ids of a vocabulary's word-piece continuations ("##…"), for whole-word masking. */
export function continuationIdsOf(vocabulary: readonly string[]): Set<number> {
  const ids = new Set<number>();
  vocabulary.forEach((token, id) => {
    if (token.startsWith('##')) ids.add(id);
  });
  return ids;
}
