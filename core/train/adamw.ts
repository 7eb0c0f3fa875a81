// AdamW exactly as torch.optim.AdamW (the single-tensor path of torch 1.13, which the
// reference run used), so that fine-tuning here follows the trajectory a Transformers
// Trainer run would:
//
//   step += 1
//   p   = p * (1 - lr * wd)                       decoupled weight decay, before the moments
//   m   = beta1 * m + (1 - beta1) * g
//   v   = beta2 * v + (1 - beta2) * g^2
//   p   = p - (lr / bc1) * m / (sqrt(v) / sqrt(bc2) + eps)     bc_k = 1 - beta_k^step
//
// eps is added after the bias correction of v (Keras' Adam adds it before, which is why
// tf.train.adam is not used). Each parameter keeps its own step count, as torch does: a
// parameter that got no gradient in a step is skipped entirely (no decay, no moment
// update) and its bias correction does not advance.
import * as tf from '../tf';
import { fusedAdamW } from '../native-cpu/fused-adamw';

export interface AdamWHyperparameters {
  weightDecay: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
}

/** What the optimizer needs to know per parameter; `ParameterPlan.trainable` has this shape. */
export interface OptimizedParameter {
  /** Multiplies the step's learning rate (layer-wise LR decay); 1 normally. */
  lrScale: number;
  /** False for biases and LayerNorm parameters. */
  weightDecay: boolean;
}

/** Torch's per-parameter state names, so a checkpoint reads the same as torch's optimizer.pt. */
export interface AdamWParameterState {
  step: number;
  exp_avg: Float32Array;
  exp_avg_sq: Float32Array;
}

export interface AdamWState {
  /** Calls to `step()`. */
  step: number;
  /** Only parameters that have been updated at least once; frozen ones never appear. */
  params: Record<string, AdamWParameterState>;
}

export interface StepOptions {
  /**
   * Multiplies every gradient before the update: the clipping coefficient
   * (clip.ts's `clipCoefficient`), applied inside the update instead of to a copy of the
   * gradients. Default 1.
   */
  gradScale?: number;
}

interface Moments {
  step: number;
  m: tf.Variable;
  v: tf.Variable;
}

export class AdamW {
  private readonly beta1: number;
  private readonly beta2: number;
  private readonly eps: number;
  private readonly weightDecay: number;
  private readonly moments = new Map<string, Moments>();
  private steps = 0;

  /**
   * @param variables every parameter of the model by name (frozen ones may be present).
   * @param optimized the parameters to train; anything not listed is left alone and gets no state.
   */
  constructor(
    private readonly variables: ReadonlyMap<string, tf.Variable>,
    private readonly optimized: ReadonlyMap<string, OptimizedParameter>,
    hyper: AdamWHyperparameters,
  ) {
    this.beta1 = hyper.beta1 ?? 0.9;
    this.beta2 = hyper.beta2 ?? 0.999;
    this.eps = hyper.eps ?? 1e-8;
    this.weightDecay = hyper.weightDecay;
    for (const name of optimized.keys()) {
      if (!variables.has(name)) throw new Error(`AdamW: no variable named ${name}`);
    }
  }

  /** Calls to `step()` so far (restored by `loadState`). */
  get stepCount(): number {
    return this.steps;
  }

  /**
   * One update of every optimized parameter that has a gradient in `grads` (keyed by
   * parameter name). `lr` is the scheduled learning rate; each parameter's lrScale applies
   * on top. The gradients stay owned by the caller.
   */
  step(grads: ReadonlyMap<string, tf.Tensor>, lr: number, options: StepOptions = {}): void {
    const gradScale = options.gradScale ?? 1;
    for (const [name, parameter] of this.optimized) {
      const grad = grads.get(name);
      if (grad) this.update(name, grad, gradScale, lr * parameter.lrScale, parameter.weightDecay ? this.weightDecay : 0);
    }
    this.steps += 1;
  }

  private update(name: string, grad: tf.Tensor, gradScale: number, lr: number, weightDecay: number): void {
    const param = this.variables.get(name)!;
    const moments = this.momentsOf(name, param);
    moments.step += 1;
    const { beta1, beta2, eps } = this;
    const stepSize = lr / (1 - beta1 ** moments.step);
    const bc2Sqrt = Math.sqrt(1 - beta2 ** moments.step);
    // The same update in one pass where the backend has the kernel (native-cpu): a dozen
    // separate ops per parameter cost a quarter of a small model's training step. It
    // writes over the parameter and moments where nothing else shares their buffers.
    const attrs = { decay: 1 - lr * weightDecay, beta1, beta2, bc2Sqrt, eps, stepSize, gradScale, inPlace: true };
    const fused = fusedAdamW({ param, grad, m: moments.m, v: moments.v }, attrs);
    if (fused) {
      // What the kernel could not write over comes back new: the variables take it.
      if (fused.param) param.assign(fused.param);
      if (fused.m) moments.m.assign(fused.m);
      if (fused.v) moments.v.assign(fused.v);
      tf.dispose([fused.param, fused.m, fused.v].filter((t): t is tf.Tensor => t !== undefined));
      return;
    }
    tf.tidy(() => {
      const g = gradScale === 1 ? grad : grad.mul(gradScale);
      const decayed = weightDecay === 0 ? param : param.mul(1 - lr * weightDecay);
      const m = moments.m.mul(beta1).add(g.mul(1 - beta1));
      const v = moments.v.mul(beta2).add(g.square().mul(1 - beta2));
      const denom = v.sqrt().div(bc2Sqrt).add(eps);
      moments.m.assign(m);
      moments.v.assign(v);
      param.assign(decayed.sub(m.div(denom).mul(stepSize)));
    });
  }

  private momentsOf(name: string, param: tf.Variable): Moments {
    let moments = this.moments.get(name);
    if (!moments) {
      moments = { step: 0, m: momentVariable(() => tf.zerosLike(param)), v: momentVariable(() => tf.zerosLike(param)) };
      this.moments.set(name, moments);
    }
    return moments;
  }

  /** A copy of the state for a checkpoint (reads the moments back from the backend, asynchronously as WebGPU needs). */
  async getState(): Promise<AdamWState> {
    const params: Record<string, AdamWParameterState> = {};
    for (const [name, { step, m, v }] of this.moments) {
      // Copies: the cpu backend hands out the array it keeps.
      const [expAvg, expAvgSq] = (await Promise.all([m.data(), v.data()])) as Float32Array[];
      params[name] = { step, exp_avg: expAvg!.slice(), exp_avg_sq: expAvgSq!.slice() };
    }
    return { step: this.steps, params };
  }

  /**
   * Restores a state from `getState`, replacing the current one. Parameters missing from
   * it start fresh, as in torch; a parameter this optimizer does not train, or one whose
   * size differs, is an error: the checkpoint belongs to another configuration.
   */
  loadState(state: AdamWState): void {
    for (const [name, saved] of Object.entries(state.params)) {
      const param = this.optimized.has(name) ? this.variables.get(name) : undefined;
      if (!param) throw new Error(`AdamW state has ${name}, which this run does not train`);
      if (saved.exp_avg.length !== param.size || saved.exp_avg_sq.length !== param.size) {
        throw new Error(`AdamW state for ${name} has ${saved.exp_avg.length} values, the parameter ${param.size}`);
      }
    }
    this.disposeMoments();
    for (const [name, saved] of Object.entries(state.params)) {
      const shape = this.variables.get(name)!.shape;
      this.moments.set(name, {
        step: saved.step,
        // Copies: the backend may keep the array it is given, and the caller may reuse theirs.
        m: momentVariable(() => tf.tensor(saved.exp_avg.slice(), shape, 'float32')),
        v: momentVariable(() => tf.tensor(saved.exp_avg_sq.slice(), shape, 'float32')),
      });
    }
    this.steps = state.step;
  }

  dispose(): void {
    this.disposeMoments();
  }

  private disposeMoments(): void {
    for (const { m, v } of this.moments.values()) {
      m.dispose();
      v.dispose();
    }
    this.moments.clear();
  }
}

// tidy disposes the initial value (a variable takes a reference of its own), never the variable.
function momentVariable(initialValue: () => tf.Tensor): tf.Variable {
  return tf.tidy(() => tf.variable(initialValue(), false));
}
