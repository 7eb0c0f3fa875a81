// Fill-mask, as Transformers' pipeline("fill-mask"): the input's [MASK] tokens and, for
// each, the vocabulary tokens the masked-LM head ranks highest, with their softmax
// probability and the text with the token put in. The decoder runs at the [MASK]
// positions only. Given a second text, the next-sentence head says whether it follows.
import * as tf from '../../core/tf';
import { hiddenAt, maskedLmLogits } from '../../core/model/heads/pretraining';
import { softmax } from '../../core/model/heads/task-head';
import type { BertModel } from '../../core/model/model';
import { padBatch } from '../../core/model/prediction';
import type { BertTokenizer } from '../../core/tokenizer';
import { dense } from '../../core/model/encoder';
import type { FillMaskPrediction, MaskFill } from '../contract';

/** The mask token as a person types it: HF matches it exactly, before lower-casing. */
export const MASK_TOKEN_TEXT = '[MASK]';
export const DEFAULT_TOP_K = 5;

export class FillMaskInputError extends Error {
  override name = 'FillMaskInputError';
}

export interface FillMaskOptions {
  topK?: number;
  maxLength: number;
}

/** How fill-mask encodes: "[MASK]" stands for the mask token (the tokenizer alone would split it into "[", "mask", "]"), nothing cut. */
const FILL_MASK_ENCODING = { maskTokenInText: true, truncation: false } as const;

/** Token ids of a text in which "[MASK]" stands for the mask token, without [CLS] and [SEP]. */
export function idsWithMasks(tokenizer: BertTokenizer, text: string): number[] {
  return tokenizer.encode(text, undefined, { ...FILL_MASK_ENCODING, addSpecialTokens: false }).inputIds;
}

export async function fillMask(model: BertModel, tokenizer: BertTokenizer, text: string, pair: string | undefined, options: FillMaskOptions): Promise<FillMaskPrediction> {
  const { inputIds, tokenTypeIds } = tokenizer.encode(text, pair, FILL_MASK_ENCODING);
  if (inputIds.length > options.maxLength) throw new FillMaskInputError(`the text is ${inputIds.length} tokens, more than the model's ${options.maxLength}`);
  const positions = inputIds.flatMap((id, t) => (id === tokenizer.maskId ? [t] : []));
  if (positions.length === 0) throw new FillMaskInputError(`write ${MASK_TOKEN_TEXT} where a word should be filled in, e.g. "I caught a ${MASK_TOKEN_TEXT} while fishing."`);
  const inputs = padBatch([{ inputIds, tokenTypeIds }], tokenizer.padId);
  const topK = Math.min(options.topK ?? DEFAULT_TOP_K, model.config.vocab_size);
  const positionTensor = tf.tensor1d(positions, 'int32');
  try {
    const [probabilities, nextSentence] = model.withEncoded(inputs, { training: false }, (ctx, encoded) => {
      const probs = tf.softmax(maskedLmLogits(ctx, hiddenAt(encoded, positionTensor)), -1); // [M, V]
      const nsp = pair !== undefined && encoded.poolerOutput ? dense(ctx, 'cls.seq_relationship', encoded.poolerOutput) : tf.zeros([0, 2]); // [1, 2]
      return [probs, nsp] as const;
    });
    const best = tf.topk(probabilities, topK);
    const [values, indices, nspLogits] = await Promise.all([best.values.array(), best.indices.array(), nextSentence.array()]);
    tf.dispose([probabilities, nextSentence, best.values, best.indices]);
    const masks: MaskFill[] = positions.map((position, m) => ({
      position,
      candidates: (indices as number[][])[m]!.map((id, k) => {
        const token = tokenizer.idToToken(id) ?? `[${id}]`;
        return { token, token_id: id, probability: (values as number[][])[m]![k]!, sequence: fillNth(text, pair, m, token) };
      }),
    }));
    const prediction: FillMaskPrediction = { task: 'fill-mask', masks };
    const nspRow = (nspLogits as number[][])[0];
    if (nspRow) prediction.is_next = { probability: softmax(nspRow)[0]! };
    return prediction;
  } finally {
    tf.dispose([inputs.inputIds, inputs.tokenTypeIds, inputs.attentionMask, positionTensor]);
  }
}

/** The input with its m-th [MASK] (counting through text, then pair) replaced by the token; a "##" piece joins the word before it. */
function fillNth(text: string, pair: string | undefined, m: number, token: string): string {
  const parts = (pair === undefined ? text : `${text} ${pair}`).split(MASK_TOKEN_TEXT);
  let filled = parts[0] ?? '';
  parts.slice(1).forEach((part, i) => {
    if (i !== m) filled += MASK_TOKEN_TEXT + part;
    else if (token.startsWith('##')) filled = filled.trimEnd() + token.slice(2) + part;
    else filled += token + part;
  });
  return filled;
}
