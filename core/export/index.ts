// Export formats (platform-neutral parts): Hugging Face folders with a model card,
// TensorFlow.js (model.json + tf.io weight shards, optionally quantized) with a page that
// runs it, and ONNX (a graph per head, optionally int8) with tokenizer.json. The
// file-system side, and ONNX Runtime, are in *-node.ts.
export * from './formats';
export * from './hf-export';
export * from './onnx-export';
export * from './model-card';
export * from './outcome';
export * from './parity';
export * from './tfjs-export';
export * from './tfjs-weights';
export * from './tokenizer-files';
export * from './tokenizer-json';
export * from './training-summary';
