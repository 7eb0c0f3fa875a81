// Export formats (platform-neutral parts): Hugging Face folders with a model card, and
// TensorFlow.js (model.json + tf.io weight shards, optionally quantized) with a page that
// runs it. The file-system side is in *-node.ts.
export * from './hf-export';
export * from './model-card';
export * from './outcome';
export * from './parity';
export * from './tfjs-export';
export * from './tfjs-weights';
export * from './tokenizer-files';
export * from './training-summary';
