// Post-processing template of BERT: `[CLS] A [SEP]` for one sequence, `[CLS] A [SEP] B [SEP]`
// for a pair, with token type 0 up to and including the first [SEP] and 1 after it.
import type { Encoding, SequenceTokens } from './encoding';

export interface SpecialToken {
  token: string;
  id: number;
}

export interface BertTemplate {
  cls: SpecialToken;
  sep: SpecialToken;
}

export function specialTokenCount(pair: boolean): number {
  return pair ? 3 : 2;
}

/** Joins the sequences into one encoding, with the template's special tokens when given. */
export function applyTemplate(first: SequenceTokens, second: SequenceTokens | undefined, template: BertTemplate | null): Encoding {
  const encoding: Encoding = { inputIds: [], tokenTypeIds: [], attentionMask: [], tokens: [], offsets: [], sequenceIds: [], wordIds: [], overflowing: [] };
  if (template) appendSpecial(encoding, template.cls, 0);
  appendSequence(encoding, first, 0);
  if (template) appendSpecial(encoding, template.sep, 0);
  if (second) {
    appendSequence(encoding, second, 1);
    if (template) appendSpecial(encoding, template.sep, 1);
  }
  return encoding;
}

function appendSpecial(encoding: Encoding, special: SpecialToken, typeId: 0 | 1): void {
  encoding.inputIds.push(special.id);
  encoding.tokenTypeIds.push(typeId);
  encoding.attentionMask.push(1);
  encoding.tokens.push(special.token);
  encoding.offsets.push(null);
  encoding.sequenceIds.push(null);
  encoding.wordIds.push(null);
}

function appendSequence(encoding: Encoding, sequence: SequenceTokens, sequenceId: 0 | 1): void {
  for (let i = 0; i < sequence.ids.length; i++) {
    encoding.inputIds.push(sequence.ids[i]!);
    encoding.tokenTypeIds.push(sequenceId);
    encoding.attentionMask.push(1);
    encoding.tokens.push(sequence.tokens[i]!);
    encoding.offsets.push(sequence.offsets[i]!);
    encoding.sequenceIds.push(sequenceId);
    encoding.wordIds.push(sequence.wordIds[i]!);
  }
}
