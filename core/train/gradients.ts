// Gradients keyed by Hugging Face parameter name (TF.js keys them by its own variable
// names, which need not match), and their accumulation over micro-batches.
import * as tf from '../tf';
import type { Gradients } from './clip';

export interface LossAndGradients {
  loss: number;
  /** Owned by the caller: pass to `disposeGradients` when done. */
  grads: Map<string, tf.Tensor>;
}

/**
 * Runs `loss` and differentiates it with respect to the given parameters. A parameter the
 * loss does not depend on gets no entry, like a torch parameter whose `.grad` stays None.
 * For gradient accumulation, scale the loss inside `loss` by 1 / (accumulation window size).
 */
export async function computeGradients(loss: () => tf.Scalar, parameters: ReadonlyMap<string, tf.Variable>): Promise<LossAndGradients> {
  const nameOf = new Map<string, string>();
  for (const [name, variable] of parameters) nameOf.set(variable.name, name);
  const { value, grads: byVariable } = tf.variableGrads(loss, [...parameters.values()]);
  const grads = new Map<string, tf.Tensor>();
  for (const [variableName, grad] of Object.entries(byVariable)) grads.set(nameOf.get(variableName)!, grad);
  // Read asynchronously: the WebGPU backend cannot read synchronously under Node.
  const lossValue = (await value.data())[0]!;
  value.dispose();
  return { loss: lossValue, grads };
}

export function disposeGradients(grads: Gradients): void {
  for (const grad of grads.values()) grad.dispose();
}

/**
 * Sums the gradients of the micro-batches of one accumulation window. The losses were
 * already scaled by 1 / window size (see `accumulationWindows`), so the sum is the mean
 * gradient, which is what torch's `.grad` holds after repeated backward passes.
 */
export class GradientAccumulator {
  private sums = new Map<string, tf.Tensor>();

  /** Adds one micro-batch's gradients and disposes them (the accumulator keeps the sum). */
  add(grads: Gradients): void {
    for (const [name, grad] of grads) {
      const sum = this.sums.get(name);
      if (sum) {
        this.sums.set(name, tf.tidy(() => sum.add(grad)));
        sum.dispose();
        grad.dispose();
      } else {
        this.sums.set(name, grad);
      }
    }
  }

  /** The summed gradients, handed to the caller, and a fresh start for the next window. */
  take(): Map<string, tf.Tensor> {
    const sums = this.sums;
    this.sums = new Map();
    return sums;
  }

  dispose(): void {
    disposeGradients(this.take());
  }
}
