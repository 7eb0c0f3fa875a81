// The parity check after an export: the exported model, run the way its users will run it,
// against the app's own outputs on the same texts. The verdict is the largest absolute
// difference over every output of the head, against a tolerance that depends on how the
// weights were stored.
import type { TokenizerFiles } from '../checkpoint/hf-folder';
import type { RowOutputs } from '../model/heads/task-head';
import type { HeadName } from '../model/layout';
import type { BertModel } from '../model/model';
import { predictBatch, type TokenizedExample } from '../model/prediction';
import { BertTokenizer } from '../tokenizer/bert-tokenizer';
import type { Encoding } from '../tokenizer/encoding';
import { tokenizerSettings } from './tokenizer-files';
import type { OnnxQuantization } from './onnx-export';
import type { Quantization } from './tfjs-weights';
import { flattenNumbers, maxAbsDiff } from '../metrics/differences';

/** A text (pair) to run both models on; question answering truncates only the context. */
export interface ParityExample {
  text: string;
  textPair?: string;
}

export interface ParityResult {
  examples: number;
  max_abs_diff: number;
  tolerance: number;
  ok: boolean;
}

/**
 * Allowed |difference| of any output. float32 differs only by the order of float
 * additions. Quantized exports store the weight matrices as float16 (11 significant bits)
 * or uint8 (256 levels per tensor), or, for ONNX int8, 7-bit weights per output row with
 * the activations quantized at run time; that moves the outputs, so their tolerances are
 * relative to the size of the outputs (times the largest |output|, at least 1). Measured
 * on the reference checkpoints: float16 ≤ 2e-4, uint8 ≤ 1.1e-2, int8 ≤ 1.3e-2 of that scale.
 */
export const PARITY_TOLERANCE: Readonly<Record<'float32' | Quantization | OnnxQuantization, number>> = { float32: 1e-4, f16: 5e-3, u8: 1e-1, int8: 1e-1 };

export function parityTolerance(quantize: Quantization | OnnxQuantization | undefined, outputScale = 1): number {
  const base = PARITY_TOLERANCE[quantize ?? 'float32'];
  return quantize ? base * Math.max(1, outputScale) : base;
}

/** Texts for heads whose run has no validation examples to offer. */
export const FALLBACK_PARITY_EXAMPLES: Readonly<Record<HeadName, readonly ParityExample[]>> = {
  'sequence-classification': [{ text: 'The movie was wonderful, I loved it.' }, { text: 'A terrible plot and bad actors.' }, { text: 'It rained in London.', textPair: 'The city was wet.' }],
  'token-classification': [{ text: 'John Smith caught fish in Paris.' }, { text: 'Mary bought shoes in London while it rained.' }],
  'question-answering': [{ text: 'Who caught fish?', textPair: 'John Smith caught fish while fishing in Paris.' }, { text: 'Where is the capital?', textPair: 'Paris is the capital of France.' }],
  pretraining: [{ text: 'Paris is the capital of France.' }, { text: 'John caught fish in the river.', textPair: 'He shopped for shoes.' }],
};

/** Compares every named output of every example. */
export function compareOutputs(expected: readonly RowOutputs[], actual: readonly RowOutputs[], names: readonly string[], tolerance: number): ParityResult {
  let max = expected.length === actual.length ? 0 : Infinity;
  expected.forEach((row, i) => {
    for (const name of names) max = Math.max(max, maxAbsDiff(actual[i]?.[name], row[name]));
  });
  return { examples: expected.length, max_abs_diff: max, tolerance, ok: max <= tolerance };
}

/** The largest |value| among the outputs (what quantized tolerances scale with). */
export function outputScale(rows: readonly RowOutputs[], names: readonly string[]): number {
  let max = 0;
  for (const row of rows) for (const name of names) for (const v of flattenNumbers(row[name])) max = Math.max(max, Math.abs(v));
  return max;
}

/** The core's tokenizer for an export's tokenizer files. */
export function exportTokenizer(model: BertModel, files: TokenizerFiles): BertTokenizer {
  return BertTokenizer.fromVocabText(files.vocab, tokenizerSettings(files.tokenizerConfig, model.config.max_position_embeddings));
}

/** How both sides encode an example: cut to the model's length, longest_first, or only_second (the context) for question answering. */
export function parityEncodeOptions(model: BertModel, tokenizer: BertTokenizer, example: ParityExample): { maxLength: number; truncation: 'longest_first' | 'only_second' } {
  return {
    maxLength: Math.min(model.config.max_position_embeddings, tokenizer.config.modelMaxLength ?? Infinity),
    truncation: model.headName === 'question-answering' && example.textPair !== undefined ? 'only_second' : 'longest_first',
  };
}

/** The app's outputs for the examples: its tokenizer, its model. */
export async function appOutputs(model: BertModel, tokenizer: BertTokenizer, examples: readonly ParityExample[]): Promise<{ encodings: Encoding[]; rows: RowOutputs[] }> {
  const encodings = examples.map((example) => tokenizer.encode(example.text, example.textPair, parityEncodeOptions(model, tokenizer, example)));
  const tokenized: TokenizedExample[] = encodings.map((e) => ({ inputIds: e.inputIds, tokenTypeIds: e.tokenTypeIds, attentionMask: e.attentionMask }));
  const predictions = tokenized.length === 0 ? [] : await predictBatch(model, tokenized);
  return { encodings, rows: predictions.map((p) => p.outputs) };
}
