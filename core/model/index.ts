// The shared BERT core: config and presets, parameter layout, encoder, task heads.
export * from './config';
export * from './layout';
export * from './parameter-store';
export * from './nn';
export * from './encoder';
export * from './model';
export * from './heads/task-head';
export * from './heads/losses';
export * from './heads/registry';
export type { SequenceClassificationPrediction } from './heads/sequence-classification';
export type { TokenClassificationPrediction } from './heads/token-classification';
export type { QuestionAnsweringPrediction } from './heads/question-answering';
export type { PretrainingPrediction } from './heads/pretraining';
export * from './memory';
export * from './prediction';
