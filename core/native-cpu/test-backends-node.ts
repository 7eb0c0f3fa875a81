// Which backends the model tests cover: cpu and wasm always, native-cpu where it is built
// (registered here, so tests can `tf.setBackend('native-cpu')`). WORKBENCH_BACKEND=native-cpu
// makes it required: the run then fails loudly instead of silently testing less.
import { nativeCpuAddonPath } from './addon-path-node';
import { registerNativeCpuBackendNode } from './native-cpu-node';

export function nativeCpuBuilt(): boolean {
  return nativeCpuAddonPath() !== undefined;
}

export function modelTestBackends(): string[] {
  const required = process.env.WORKBENCH_BACKEND?.trim() === 'native-cpu';
  if (!required && !nativeCpuBuilt()) return ['cpu', 'wasm'];
  registerNativeCpuBackendNode(); // throws why when required but missing
  return ['cpu', 'wasm', 'native-cpu'];
}
