// The task heads as ONNX graph pieces, one per core head (core/model/heads), each the
// Transformers class whose ONNX export Optimum and transformers.js read: its outputs carry
// that class's names. A pre-training run exports its masked-language-model head as
// BertForMaskedLM (output `logits`), the class fill-mask pipelines load; the
// next-sentence classifier and the pooler it reads are left out, as BertForMaskedLM
// leaves them out of a BertForPreTraining checkpoint.
import type { BertConfig } from '../model/config';
import { headFor } from '../model/heads/registry';
import { numLabels, type HeadName } from '../model/layout';
import { gelu, type OnnxContext, type OnnxEncoded } from './onnx-bert';
import type { Dimension } from './onnx-graph';

export const BATCH_AXIS = 'batch_size';
export const SEQUENCE_AXIS = 'sequence_length';

/** One graph output: its name in the graph, the core output it equals, its shape. */
export interface OnnxOutput {
  name: string;
  core: string;
  dims: Dimension[];
}

export interface OnnxHead {
  /** The Transformers class of the graph (config.json's `architectures`). */
  architecture: string;
  /** The transformers.js / Transformers pipeline that runs it. */
  pipeline: string;
  readsPooler: boolean;
  /** State-dict prefixes of weights the graph leaves out on purpose. */
  dropped: readonly string[];
  /** Builds the head on the encoder's output; values keyed by graph output name. */
  build(ctx: OnnxContext, encoded: OnnxEncoded): Record<string, string>;
  outputs(config: BertConfig): OnnxOutput[];
}

function requirePooled(encoded: OnnxEncoded): string {
  if (!encoded.poolerOutput) throw new Error('the head reads the pooled [CLS] output, but the graph has no pooler');
  return encoded.poolerOutput;
}

/** The graph outputs named as the core head names its outputs (they are Transformers' names). */
function sameNames(head: HeadName, dims: (config: BertConfig) => Dimension[]): OnnxHead['outputs'] {
  return (config) => headFor(head).outputNames.map((name) => ({ name, core: name, dims: dims(config) }));
}

export const ONNX_HEADS: Readonly<Record<HeadName, OnnxHead>> = {
  'sequence-classification': {
    architecture: headFor('sequence-classification').architecture,
    pipeline: 'text-classification',
    readsPooler: true,
    dropped: [],
    build: (ctx, encoded) => ({ logits: ctx.dense('classifier', requirePooled(encoded)) }), // [B, labels]
    outputs: sameNames('sequence-classification', (config) => [BATCH_AXIS, numLabels(config)]),
  },
  'token-classification': {
    architecture: headFor('token-classification').architecture,
    pipeline: 'token-classification',
    readsPooler: false,
    dropped: [],
    build: (ctx, encoded) => ({ logits: ctx.dense('classifier', encoded.lastHiddenState) }), // [B, T, labels]
    outputs: sameNames('token-classification', (config) => [BATCH_AXIS, SEQUENCE_AXIS, numLabels(config)]),
  },
  'question-answering': {
    architecture: headFor('question-answering').architecture,
    pipeline: 'question-answering',
    readsPooler: false,
    dropped: [],
    build(ctx, encoded) {
      const g = ctx.graph;
      const logits = ctx.dense('qa_outputs', encoded.lastHiddenState); // [B, T, 2]
      const [start, end] = g.opMulti('Split', [logits], 2, { axis: -1 }); // [B, T, 1] each
      const squeeze = (x: string) => g.op('Squeeze', [x, g.int64s([-1])]); // [B, T, 1] -> [B, T]
      return { start_logits: squeeze(start!), end_logits: squeeze(end!) };
    },
    outputs: sameNames('question-answering', () => [BATCH_AXIS, SEQUENCE_AXIS]),
  },
  pretraining: {
    architecture: 'BertForMaskedLM',
    pipeline: 'fill-mask',
    readsPooler: false,
    dropped: ['bert.pooler.', 'cls.seq_relationship.'],
    build(ctx, encoded) {
      const p = 'cls.predictions';
      const transformed = ctx.layerNorm(`${p}.transform.LayerNorm`, gelu(ctx.graph, ctx.dense(`${p}.transform.dense`, encoded.lastHiddenState))); // [B, T, H]
      // The decoder weight is the word-embedding matrix itself, [V, H] = [out, in].
      return { logits: ctx.linear(transformed, 'bert.embeddings.word_embeddings.weight', `${p}.bias`) }; // [B, T, V]
    },
    outputs: (config) => [{ name: 'logits', core: 'prediction_logits', dims: [BATCH_AXIS, SEQUENCE_AXIS, config.vocab_size] }],
  },
};
