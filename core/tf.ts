// The one place the core imports TensorFlow.js from.
//
// `@tensorflow/tfjs-core` alone registers no gradient functions and no chained tensor
// methods; the `@tensorflow/tfjs` bundle registers both against the same core instance
// (its Node build requires `@tensorflow/tfjs-core`). The cpu and wasm backends register
// their factories on import; which one runs is decided in backend/select.ts.
import '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';

export * from '@tensorflow/tfjs-core';

import { env } from '@tensorflow/tfjs-core';
// Production mode: no per-op debug checks, and no console banner urging tfjs-node — the
// workbench reports the backend it chose, and why, itself (backend/select.ts).
env().set('PROD', true);
