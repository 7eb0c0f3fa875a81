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
