// Padding to a fixed length on the right, the way BERT checkpoints are fed: [PAD] tokens
// with token type 0 that the attention mask hides.
import type { Encoding } from './encoding';
import type { SpecialToken } from './special-tokens';

/** The encoding grown to `length` with padding; an encoding already that long is returned as it is. */
export function padToLength(encoding: Encoding, length: number, pad: SpecialToken): Encoding {
  const missing = length - encoding.inputIds.length;
  if (missing <= 0) return encoding;
  const fill = <T>(value: T): T[] => new Array<T>(missing).fill(value);
  return {
    inputIds: [...encoding.inputIds, ...fill(pad.id)],
    tokenTypeIds: [...encoding.tokenTypeIds, ...fill(0)],
    attentionMask: [...encoding.attentionMask, ...fill(0)],
    tokens: [...encoding.tokens, ...fill(pad.token)],
    offsets: [...encoding.offsets, ...fill(null)],
    sequenceIds: [...encoding.sequenceIds, ...fill(null)],
    wordIds: [...encoding.wordIds, ...fill(null)],
    overflowing: encoding.overflowing,
  };
}
