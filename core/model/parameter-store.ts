// The owner of every weight: one tf.Variable per Hugging Face state-dict name, in the
// state dict's layout. Loading and saving a checkpoint is a lookup by name.
import * as tf from '../tf';
import type { Rng } from '../random';
import { initKind, numElements, type ParameterShapes, type Shape } from './layout';

export class ParameterStore {
  private readonly variables = new Map<string, tf.Variable>();

  /** Takes ownership of the given variables (disposed by `dispose()`). */
  constructor(entries: Iterable<[string, tf.Variable]> = []) {
    for (const [name, variable] of entries) this.add(name, variable);
  }

  /**
   * Fresh weights as BertPreTrainedModel._init_weights: dense and embedding weights
   * normal(0, initializer_range), LayerNorm weight 1 and bias 0, other biases 0.
   */
  static initialise(shapes: ParameterShapes, rng: Rng, initializerRange: number): ParameterStore {
    const store = new ParameterStore();
    for (const [name, shape] of shapes) store.addValue(name, initialValues(name, shape, rng, initializerRange));
    return store;
  }

  /** Adds a variable holding `value`, taking ownership of `value` (a variable shares, not copies, its data). */
  addValue(name: string, value: tf.Tensor): void {
    try {
      this.add(name, tf.variable(value));
    } finally {
      value.dispose();
    }
  }

  add(name: string, variable: tf.Variable): void {
    if (this.variables.has(name)) throw new Error(`parameter ${name} is already in the store`);
    this.variables.set(name, variable);
  }

  has(name: string): boolean {
    return this.variables.has(name);
  }

  get(name: string): tf.Variable {
    const variable = this.variables.get(name);
    if (!variable) throw new Error(`no parameter named ${name}`);
    return variable;
  }

  names(): string[] {
    return [...this.variables.keys()];
  }

  entries(): [string, tf.Variable][] {
    return [...this.variables.entries()];
  }

  /** Names of the variables that `tf.variableGrads` differentiates (see `setTrainable`). */
  get trainableNames(): string[] {
    return this.entries()
      .filter(([, variable]) => variable.trainable)
      .map(([name]) => name);
  }

  /** Freezes (false) or unfreezes (true) the named parameters. */
  setTrainable(names: Iterable<string>, trainable: boolean): void {
    for (const name of names) this.get(name).trainable = trainable;
  }

  shapes(): ParameterShapes {
    return new Map(this.entries().map(([name, variable]) => [name, [...variable.shape]]));
  }

  numParameters(): number {
    let total = 0;
    for (const variable of this.variables.values()) total += variable.size;
    return total;
  }

  dispose(): void {
    for (const variable of this.variables.values()) variable.dispose();
    this.variables.clear();
  }
}

/** The initial value of one parameter, drawn from `rng` so that a seed fixes the model. */
export function initialValues(name: string, shape: Shape, rng: Rng, initializerRange: number): tf.Tensor {
  const size = numElements(shape);
  switch (initKind(name)) {
    case 'ones':
      return tf.ones(shape);
    case 'zeros':
      return tf.zeros(shape);
    case 'normal': {
      const values = new Float32Array(size);
      for (let i = 0; i < size; i++) values[i] = rng.nextNormal() * initializerRange;
      return tf.tensor(values, shape, 'float32');
    }
  }
}
