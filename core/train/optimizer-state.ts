// AdamW's state as a safetensors file (optimizer.safetensors in a checkpoint): the moments
// under `<parameter>.exp_avg` / `<parameter>.exp_avg_sq`, float32 and bit-exact, and the
// step counts in the metadata. Safetensors rather than JSON: the moments are as large as
// the trainable weights, and a float printed in decimal does not always read back equal.
import { decodeFloat32, parseSafetensors, serializeSafetensors, type TensorToWrite } from '../checkpoint/safetensors';
import type { AdamWState } from './adamw';

export const OPTIMIZER_FILE = 'optimizer.safetensors';
const FORMAT = 'bert-workbench-adamw';

export function serializeOptimizerState(state: AdamWState): Uint8Array {
  const tensors = new Map<string, TensorToWrite>();
  const steps: Record<string, number> = {};
  for (const [name, saved] of Object.entries(state.params)) {
    tensors.set(`${name}.exp_avg`, { dtype: 'F32', shape: [saved.exp_avg.length], data: saved.exp_avg });
    tensors.set(`${name}.exp_avg_sq`, { dtype: 'F32', shape: [saved.exp_avg_sq.length], data: saved.exp_avg_sq });
    steps[name] = saved.step;
  }
  return serializeSafetensors(tensors, { format: FORMAT, step: String(state.step), param_steps: JSON.stringify(steps) });
}

export function parseOptimizerState(bytes: Uint8Array, source: string): AdamWState {
  const file = parseSafetensors(bytes);
  if (file.metadata.format !== FORMAT) throw new Error(`${source} is not an optimizer state written by this app`);
  const steps = JSON.parse(file.metadata.param_steps ?? '{}') as Record<string, number>;
  const state: AdamWState = { step: Number(file.metadata.step), params: {} };
  for (const [name, step] of Object.entries(steps)) {
    const moment = (suffix: string) => {
      const entry = file.tensors.get(`${name}.${suffix}`);
      if (!entry) throw new Error(`${source} lacks ${name}.${suffix}`);
      return decodeFloat32(name, entry);
    };
    state.params[name] = { step, exp_avg: moment('exp_avg'), exp_avg_sq: moment('exp_avg_sq') };
  }
  return state;
}
