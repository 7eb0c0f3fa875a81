// Activation recomputation per encoder layer (Transformers' gradient_checkpointing):
// the forward pass keeps only each layer's input, and the backward pass runs the layer
// again, on the tape, to get its gradients. Memory for activations drops from every
// layer's intermediates to one layer's, for about one more forward pass of compute.
//
// The recomputation must be the same computation: the dropout seeds the layer drew in
// the forward pass are recorded and replayed, so a run with checkpointing computes what
// the run without computes.
import * as tf from '../tf';
import type { ModuleContext } from './encoder';
import { seededDropout } from './nn';

type SaveFn = (tensors: tf.Tensor[]) => void;
type CustomGradientFunc = Parameters<typeof tf.customGrad>[0];

/** The context with dropout seeds drawn from `nextSeed` (a recorder or a replay). */
function withSeeds(ctx: ModuleContext, nextSeed: (() => number) | undefined): ModuleContext {
  if (!nextSeed) return ctx;
  return { ...ctx, dropout: seededDropout(nextSeed), nextSeed };
}

/** What TF.js's engine keeps of the gradient tape (tfjs-core engine.ts, EngineState). */
interface EngineTapeState {
  state: { activeTape: unknown };
}

/**
 * Gradients of `f` with respect to `xs`, weighted by `dy`, from inside another gradient's
 * backward pass. TF.js's engine has one tape: a gradients() call made while the outer
 * backward pass runs replaces it and sets it to null when done, and the outer pass then
 * fails when it frees its saved tensors. The outer tape is put back afterwards.
 */
function nestedGradients(f: () => tf.Tensor, xs: tf.Tensor[], dy: tf.Tensor): (tf.Tensor | null)[] {
  const engine = tf.engine() as unknown as EngineTapeState;
  const outerTape = engine.state.activeTape;
  try {
    const { value, grads } = tf.engine().gradients(f, xs, dy, true);
    value.dispose();
    return grads as (tf.Tensor | null)[];
  } finally {
    engine.state.activeTape = outerTape;
  }
}

/**
 * `layer(ctx, x, extra)` with its activations recomputed in the backward pass. `weights`
 * are the variables the layer reads (they get gradients); `extra` (the attention bias)
 * is kept, and gets none.
 */
export function recomputedInBackward<T extends tf.Tensor>(ctx: ModuleContext, weights: readonly tf.Variable[], layer: (ctx: ModuleContext, x: T, extra: tf.Tensor) => T, x: T, extra: tf.Tensor): T {
  const seeds: number[] = [];
  const draw = ctx.nextSeed;
  const record = draw && (() => {
    const seed = draw();
    seeds.push(seed);
    return seed;
  });
  const forward = (...args: [...tf.Tensor[], SaveFn]) => {
    const input = args[0] as T;
    const save = args[args.length - 1] as SaveFn;
    save([input, extra]);
    return {
      value: layer(withSeeds(ctx, record), input, extra),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) =>
        tf.tidy(() => {
          const [savedInput, savedExtra] = saved as [T, tf.Tensor];
          let next = 0;
          const replay = record && (() => seeds[next++]!);
          const grads = nestedGradients(() => layer(withSeeds(ctx, replay), savedInput, savedExtra), [savedInput, ...weights], dy);
          // A weight the layer does not reach (none in BERT) gets zeros, as customGrad needs a tensor per input.
          return grads.map((grad, i) => grad ?? tf.zerosLike(i === 0 ? savedInput : weights[i - 1]!));
        }),
    };
  };
  const op = tf.customGrad(forward as unknown as CustomGradientFunc) as unknown as (...inputs: tf.Tensor[]) => T;
  return op(x, ...weights);
}
