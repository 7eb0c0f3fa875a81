// Which parameters train, which get weight decay and at what learning-rate multiplier,
// decided from Hugging Face parameter names alone (`bert.encoder.layer.3.output.dense.weight`),
// so that it works for any head and for a checkpoint before a model object exists.

export interface FreezeOptions {
  freeze_embeddings: boolean;
  /** Freeze encoder layers 0..k-1 (the ones nearest the embeddings). */
  freeze_layers: number;
  /** Further encoder layers to freeze by index, on top of `freeze_layers`. */
  frozen_layers: readonly number[];
  /**
   * Freeze all of `bert.*`, the pooler included, leaving only the task head
   * (`classifier.*`, `qa_outputs.*`, `cls.*`) to train: what a Transformers user gets from
   * `for p in model.bert.parameters(): p.requires_grad = False`. A sequence classifier
   * then trains on fixed pooled features, like a linear probe.
   */
  train_head_only: boolean;
}

export interface ParameterPlanOptions extends FreezeOptions {
  /** Layer-wise LR decay factor in (0, 1]; 1 turns it off. */
  layerwise_lr_decay: number;
  /** Encoder depth; by default one more than the highest layer index among the names. */
  numLayers?: number;
}

export interface TrainableParameter {
  /** Multiplies the scheduled learning rate (layer-wise LR decay). */
  lrScale: number;
  weightDecay: boolean;
}

export interface ParameterPlan {
  /** Insertion order follows the names given, so the optimizer visits them in model order. */
  trainable: Map<string, TrainableParameter>;
  frozen: string[];
}

/** Where a parameter sits in the model; the head is everything outside `bert.*`. */
export type ParameterPart =
  | { part: 'embeddings' }
  | { part: 'layer'; index: number }
  | { part: 'pooler' }
  | { part: 'head' };

// The `bert.` prefix is optional so that bare BertModel checkpoints (`embeddings.*`) parse too.
const ENCODER_PART = /^(?:bert\.)?(?:(embeddings)|encoder\.layer\.(\d+)|(pooler))\./;

export function parameterPart(name: string): ParameterPart {
  const match = ENCODER_PART.exec(name);
  if (!match) return { part: 'head' };
  if (match[1]) return { part: 'embeddings' };
  if (match[2] !== undefined) return { part: 'layer', index: Number(match[2]) };
  return { part: 'pooler' };
}

/** One more than the highest encoder layer index among the names (0 if there is none). */
export function countEncoderLayers(names: Iterable<string>): number {
  let layers = 0;
  for (const name of names) {
    const where = parameterPart(name);
    if (where.part === 'layer') layers = Math.max(layers, where.index + 1);
  }
  return layers;
}

export function isFrozen(name: string, options: FreezeOptions): boolean {
  return isPartFrozen(parameterPart(name), options);
}

/** The freezing rule per part of the model; the UI's layer diagram applies the same one. */
export function isPartFrozen(where: ParameterPart, options: FreezeOptions): boolean {
  switch (where.part) {
    case 'head':
      return false;
    case 'pooler':
      return options.train_head_only;
    case 'embeddings':
      return options.train_head_only || options.freeze_embeddings;
    case 'layer':
      return options.train_head_only || where.index < options.freeze_layers || options.frozen_layers.includes(where.index);
  }
}

/**
 * Trainer's rule: no decay for anything whose name contains "bias" (so also
 * `cls.predictions.bias`) nor for LayerNorm parameters, legacy `gamma`/`beta` included.
 */
export function usesWeightDecay(name: string): boolean {
  if (name.includes('bias')) return false;
  if (/layer_?norm/i.test(name)) return false;
  return !/\.(gamma|beta)$/.test(name);
}

/**
 * Layer-wise LR decay: the top of the network moves fastest. Head and pooler x1, encoder
 * layer i of L x decay^(L - i), embeddings x decay^(L + 1).
 */
export function layerwiseLrScale(name: string, numLayers: number, decay: number): number {
  return partLrScale(parameterPart(name), numLayers, decay);
}

export function partLrScale(where: ParameterPart, numLayers: number, decay: number): number {
  switch (where.part) {
    case 'head':
    case 'pooler':
      return 1;
    case 'layer':
      return decay ** (numLayers - where.index);
    case 'embeddings':
      return decay ** (numLayers + 1);
  }
}

export function planParameters(names: Iterable<string>, options: ParameterPlanOptions): ParameterPlan {
  const all = [...names];
  const numLayers = options.numLayers ?? countEncoderLayers(all);
  checkLayerIndices(options, numLayers);
  const plan: ParameterPlan = { trainable: new Map(), frozen: [] };
  for (const name of all) {
    if (isFrozen(name, options)) {
      plan.frozen.push(name);
    } else {
      plan.trainable.set(name, {
        lrScale: layerwiseLrScale(name, numLayers, options.layerwise_lr_decay),
        weightDecay: usesWeightDecay(name),
      });
    }
  }
  return plan;
}

// A layer index past the model's depth is almost always a settings mistake (a BERT-Base
// setting reused on a 4-layer compact BERT), so say so instead of silently freezing nothing.
function checkLayerIndices(options: FreezeOptions, numLayers: number): void {
  if (options.freeze_layers > numLayers) {
    throw new RangeError(`training.freeze_layers is ${options.freeze_layers} but the model has ${numLayers} encoder layers`);
  }
  const outside = options.frozen_layers.filter((index) => index >= numLayers);
  if (outside.length > 0) {
    throw new RangeError(`training.frozen_layers has ${outside.join(', ')} but the model's encoder layers are 0..${numLayers - 1}`);
  }
}
