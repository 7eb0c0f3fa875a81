// Masked-language-model inputs with the semantics of Transformers'
// DataCollatorForLanguageModeling (BERT's recipe): each non-special token is chosen with
// probability 0.15; a chosen token becomes [MASK] 80% of the time, a random vocabulary
// token 10%, and stays itself 10%. Labels hold the original id at chosen positions and
// -100 (ignored by the loss) elsewhere. Every draw comes from the run's Rng, in token
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

export interface MaskedTokens {
  input_ids: number[];
  labels: number[];
}

export const IGNORED_LABEL = -100;

export function maskTokens(inputIds: readonly number[], tokens: SpecialTokenIds, rng: Rng, mlmProbability = 0.15): MaskedTokens {
  const special = new Set([tokens.clsId, tokens.sepId, tokens.padId, tokens.maskId, ...(tokens.unkId === undefined ? [] : [tokens.unkId])]);
  const masked: MaskedTokens = { input_ids: [...inputIds], labels: inputIds.map(() => IGNORED_LABEL) };
  inputIds.forEach((id, i) => {
    if (special.has(id) || rng.nextFloat() >= mlmProbability) return;
    masked.labels[i] = id;
    const action = rng.nextFloat();
    if (action < 0.8) masked.input_ids[i] = tokens.maskId;
    // Any vocabulary id, special ones included, as torch.randint(len(tokenizer)) draws.
    else if (action < 0.9) masked.input_ids[i] = rng.nextInt(tokens.vocabSize);
  });
  return masked;
}
