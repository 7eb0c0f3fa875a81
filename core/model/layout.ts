// Every parameter of BERT and its task heads, under the Hugging Face state-dict name and
// in its layout ([out, in] for dense weights). The one source of the names and shapes:
// the parameter store initialises from it, the checkpoint loader checks against it, and
// parameter counts and memory estimates sum over it. Pure: no TensorFlow.js import.
import type { BertConfig } from './config';

export const HEAD_NAMES = ['sequence-classification', 'token-classification', 'question-answering', 'pretraining'] as const;
export type HeadName = (typeof HEAD_NAMES)[number];

export function isHeadName(name: string): name is HeadName {
  return (HEAD_NAMES as readonly string[]).includes(name);
}

/** The number of labels of a classification head: the size of id2label, 2 without one (as Transformers). */
export function numLabels(config: BertConfig): number {
  return config.id2label ? Object.keys(config.id2label).length : 2;
}

export type Shape = number[];
/** Name -> shape, in checkpoint order (embeddings, layers, pooler, head). */
export type ParameterShapes = Map<string, Shape>;

export interface ParameterLayoutOptions {
  pooler: boolean;
  head?: HeadName | undefined;
}

/** How a parameter is initialised (as BertPreTrainedModel._init_weights). */
export type InitKind = 'normal' | 'zeros' | 'ones';

function addDense(shapes: ParameterShapes, prefix: string, inFeatures: number, outFeatures: number): void {
  shapes.set(`${prefix}.weight`, [outFeatures, inFeatures]);
  shapes.set(`${prefix}.bias`, [outFeatures]);
}

function addLayerNorm(shapes: ParameterShapes, prefix: string, features: number): void {
  shapes.set(`${prefix}.weight`, [features]);
  shapes.set(`${prefix}.bias`, [features]);
}

export function layerPrefix(index: number): string {
  return `bert.encoder.layer.${index}`;
}

/** The encoder (`bert.*`): embeddings, layers and, optionally, the pooler. */
export function encoderShapes(config: BertConfig, pooler: boolean): ParameterShapes {
  const h = config.hidden_size;
  const shapes: ParameterShapes = new Map();
  shapes.set('bert.embeddings.word_embeddings.weight', [config.vocab_size, h]);
  shapes.set('bert.embeddings.position_embeddings.weight', [config.max_position_embeddings, h]);
  shapes.set('bert.embeddings.token_type_embeddings.weight', [config.type_vocab_size, h]);
  addLayerNorm(shapes, 'bert.embeddings.LayerNorm', h);
  for (let i = 0; i < config.num_hidden_layers; i++) {
    const layer = layerPrefix(i);
    addDense(shapes, `${layer}.attention.self.query`, h, h);
    addDense(shapes, `${layer}.attention.self.key`, h, h);
    addDense(shapes, `${layer}.attention.self.value`, h, h);
    addDense(shapes, `${layer}.attention.output.dense`, h, h);
    addLayerNorm(shapes, `${layer}.attention.output.LayerNorm`, h);
    addDense(shapes, `${layer}.intermediate.dense`, h, config.intermediate_size);
    addDense(shapes, `${layer}.output.dense`, config.intermediate_size, h);
    addLayerNorm(shapes, `${layer}.output.LayerNorm`, h);
  }
  if (pooler) addDense(shapes, 'bert.pooler.dense', h, h);
  return shapes;
}

/**
 * A head's own parameters. The pre-training decoder is tied to the word embeddings, so,
 * as in Hugging Face's safetensors files, it has no entry of its own.
 */
export function headShapes(config: BertConfig, head: HeadName): ParameterShapes {
  const h = config.hidden_size;
  const shapes: ParameterShapes = new Map();
  switch (head) {
    case 'sequence-classification':
    case 'token-classification':
      addDense(shapes, 'classifier', h, numLabels(config));
      break;
    case 'question-answering':
      addDense(shapes, 'qa_outputs', h, 2);
      break;
    case 'pretraining':
      addDense(shapes, 'cls.predictions.transform.dense', h, h);
      addLayerNorm(shapes, 'cls.predictions.transform.LayerNorm', h);
      shapes.set('cls.predictions.bias', [config.vocab_size]);
      addDense(shapes, 'cls.seq_relationship', h, 2);
      break;
  }
  return shapes;
}

/** Hugging Face's BertFor* models build the pooler only for heads that read it. */
export function headUsesPooler(head: HeadName): boolean {
  return head === 'sequence-classification' || head === 'pretraining';
}

export function parameterShapes(config: BertConfig, options: ParameterLayoutOptions): ParameterShapes {
  const shapes = encoderShapes(config, options.pooler);
  if (options.head) for (const [name, shape] of headShapes(config, options.head)) shapes.set(name, shape);
  return shapes;
}

export function isLayerNormName(name: string): boolean {
  return name.includes('LayerNorm.');
}

export function isBiasName(name: string): boolean {
  return name.endsWith('.bias') || name === 'cls.predictions.bias';
}

export function initKind(name: string): InitKind {
  if (isLayerNormName(name)) return name.endsWith('.weight') ? 'ones' : 'zeros';
  return isBiasName(name) ? 'zeros' : 'normal';
}

export function numElements(shape: Shape): number {
  return shape.reduce((a, b) => a * b, 1);
}
