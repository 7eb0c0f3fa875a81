export * from './api';
export * from './protocol';
export * from './types';
export * from './run-id';
// What the trainer freezes and how layer-wise LR decay scales each part: the New run
// page's layer diagram shows exactly these rules (pure functions, no TensorFlow.js).
export { isPartFrozen, partLrScale, type ParameterPart } from '../../core/train/parameter-groups';
// The New run form's default model: a pretrained catalogue checkpoint (pure data).
export { DEFAULT_CATALOGUE_ID } from '../../core/hub/catalogue';
