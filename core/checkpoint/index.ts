// Checkpoint formats: safetensors and Hugging Face folders (platform-neutral parts;
// the file-system side is hf-folder-node.ts).
export * from './half-float';
export * from './safetensors';
export * from './hf-folder';
