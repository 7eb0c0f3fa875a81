export * from './api';
export * from './protocol';
export * from './types';
export * from './run-id';
// What the trainer freezes and how layer-wise LR decay scales each part: the New run
// page's layer diagram shows exactly these rules (pure functions, no TensorFlow.js).
export { isPartFrozen, partLrScale, type ParameterPart } from '../../core/train/parameter-groups';
// The New run form's default model: a pretrained catalogue checkpoint (pure data).
export { DEFAULT_CATALOGUE_ID } from '../../core/hub/catalogue';
// What each task's evaluation measures (the choices of metric_for_best_model), and how
// sure a score on n examples is: the run view's small-validation-set warning.
export { TASK_METRICS } from '../../core/train/task-metrics';
// The learning-rate schedules the trainer knows (pure data): the New run form's choices.
export { LR_SCHEDULER_TYPES } from '../../core/train/schedule';
// The run config's tasks, in the order the app lists them.
export { RUN_TASKS } from '../../core/train/run-config';
export { headlineInterval } from '../../core/train/evaluation-report';
export { isUncertain, wilsonInterval } from '../../core/metrics/interval';
export { predictionTable, predictionsCsv, predictionsJsonl } from './prediction-table';
