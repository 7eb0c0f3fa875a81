// BertModel: the shared encoder, one task head, and the parameter store that owns
// every weight of both. The trainer, the predictor and the checkpoint code use this.
import * as tf from '../tf';
import { Rng } from '../random';
import { validateConfig, type BertConfig } from './config';
import { encode, type EncoderOutput, type ModelInputs, type ModuleContext } from './encoder';
import { headFor, type AnyTaskHead } from './heads/registry';
import type { Labels } from './heads/task-head';
import { headUsesPooler, parameterShapes, type HeadName } from './layout';
import { noDropout, seededDropout } from './nn';
import { ParameterStore } from './parameter-store';

export interface ForwardOptions {
  /** Dropout is active only when training. */
  training: boolean;
  /** Draws the dropout seeds; required when training with dropout. */
  rng?: Rng;
  /** Recompute each encoder layer's activations in the backward pass (Transformers' gradient_checkpointing); training only. */
  gradientCheckpointing?: boolean;
}

export interface CreateOptions {
  /** Seed of the initialisation (default 0). */
  seed?: number;
  /** Build the pooler (default: when the head reads it, as Transformers' BertFor* classes). */
  pooler?: boolean;
}

export class BertModel {
  constructor(
    readonly config: BertConfig,
    readonly head: AnyTaskHead,
    readonly params: ParameterStore,
  ) {}

  get headName(): HeadName {
    return this.head.name;
  }

  /** Randomly initialised weights: normal(0, initializer_range), LayerNorm 1/0, biases 0. */
  static create(config: BertConfig, headName: HeadName, options: CreateOptions = {}): BertModel {
    validateConfig(config);
    const shapes = parameterShapes(config, { pooler: options.pooler ?? headUsesPooler(headName), head: headName });
    const params = ParameterStore.initialise(shapes, new Rng(options.seed ?? 0), config.initializer_range);
    return new BertModel(config, headFor(headName), params);
  }

  /**
   * last_hidden_state [B, T, H], pooler_output [B, H] (when the model has a pooler) and
   * the head's outputs. The caller owns the returned tensors.
   */
  forward(inputs: ModelInputs, options: ForwardOptions): Record<string, tf.Tensor> {
    return tf.tidy(() => {
      const ctx = this.context(options);
      const encoded = encode(ctx, inputs);
      const outputs: Record<string, tf.Tensor> = { last_hidden_state: encoded.lastHiddenState };
      if (encoded.poolerOutput) outputs.pooler_output = encoded.poolerOutput;
      return { ...outputs, ...this.head.forward(ctx, encoded) };
    });
  }

  /** The head's loss on a batch; differentiable, e.g. inside `tf.variableGrads`. */
  loss(inputs: ModelInputs, labels: Labels, options: ForwardOptions): tf.Scalar {
    const { head } = this;
    if (head.trainingLoss) return this.withEncoded(inputs, options, (ctx, encoded) => head.trainingLoss!(ctx, encoded, labels));
    return tf.tidy(() => head.loss(this.forward(inputs, options), labels, inputs, this.config));
  }

  /**
   * `read` on the encoder's output of `inputs`, with the context the head's functions take:
   * for what reads only some positions (masked-LM evaluation, fill-mask). Temporaries are
   * freed; the caller owns what `read` returns.
   */
  withEncoded<T extends tf.TensorContainer>(inputs: ModelInputs, options: ForwardOptions, read: (ctx: ModuleContext, encoded: EncoderOutput) => T): T {
    return tf.tidy(() => {
      const ctx = this.context(options);
      return read(ctx, encode(ctx, inputs));
    });
  }

  /** The loss and its gradient for every trainable parameter, keyed by state-dict name. */
  lossAndGradients(inputs: ModelInputs, labels: Labels, options: ForwardOptions): { loss: tf.Scalar; grads: Map<string, tf.Tensor> } {
    const trainable = this.params.trainableNames;
    const variables = trainable.map((name) => this.params.get(name));
    const { value, grads } = tf.variableGrads(() => this.loss(inputs, labels, options), variables);
    const byName = new Map<string, tf.Tensor>();
    trainable.forEach((name, i) => {
      const grad = grads[variables[i]!.name];
      if (grad) byName.set(name, grad);
    });
    return { loss: value, grads: byName };
  }

  dispose(): void {
    this.params.dispose();
  }

  private context(options: ForwardOptions): ModuleContext {
    const { config } = this;
    const usesDropout = config.hidden_dropout_prob > 0 || config.attention_probs_dropout_prob > 0 || (config.classifier_dropout ?? 0) > 0;
    if (options.training && usesDropout && !options.rng) throw new Error('training with dropout needs an rng for the dropout seeds');
    const rng = options.rng;
    const gradientCheckpointing = options.training && options.gradientCheckpointing === true;
    if (!options.training || !rng) return { config, params: this.params, dropout: noDropout, gradientCheckpointing };
    const nextSeed = () => rng.nextSeed();
    return { config, params: this.params, dropout: seededDropout(nextSeed), nextSeed, gradientCheckpointing };
  }
}
