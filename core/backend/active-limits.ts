// The limits of the backend TensorFlow.js runs on now (limits.ts says what each limit
// means). Apart from limits.ts so that the service, which loads no TensorFlow.js, can
// reason about limits by name.
import * as tf from '../tf';
import { knownLimits, type BackendLimits } from './limits';

interface WebGpuDeviceHolder {
  device?: { limits?: { maxStorageBufferBindingSize?: number } };
}

/** The limits of the active backend (WebGPU's from its device). */
export function activeBackendLimits(): BackendLimits {
  const name = tf.getBackend();
  const limits = knownLimits(name);
  if (name === 'webgpu') {
    const binding = (tf.backend() as unknown as WebGpuDeviceHolder).device?.limits?.maxStorageBufferBindingSize;
    if (binding) limits.tensorBytes = binding;
  }
  return limits;
}
