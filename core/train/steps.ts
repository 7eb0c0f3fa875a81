// How many optimizer updates a run makes and which micro-batches feed each one, counted
// as Transformers' Trainer counts them (≥ 4.46): an epoch of B batches with gradient
// accumulation A makes ceil(B / A) updates, the last one over the B % A left-over
// batches; `max_steps` > 0 overrides the epochs.

export interface StepPlanInput {
  numExamples: number;
  batchSize: number;
  gradientAccumulationSteps: number;
  numTrainEpochs: number;
  /** <= 0: derived from the epochs. */
  maxSteps: number;
}

export interface StepPlan {
  /** Micro-batches per epoch (the last one may be short: no examples are dropped). */
  batchesPerEpoch: number;
  updatesPerEpoch: number;
  /** Optimizer updates in the whole run: the schedule's `totalSteps`. */
  totalSteps: number;
  /** Epochs the loop starts (the last one may stop part-way). */
  numEpochs: number;
}

export function planTrainingSteps(input: StepPlanInput): StepPlan {
  const batchesPerEpoch = Math.ceil(input.numExamples / input.batchSize);
  const updatesPerEpoch = Math.max(1, Math.ceil(batchesPerEpoch / input.gradientAccumulationSteps));
  const totalSteps = input.maxSteps > 0 ? input.maxSteps : Math.ceil(input.numTrainEpochs * updatesPerEpoch);
  return { batchesPerEpoch, updatesPerEpoch, totalSteps, numEpochs: Math.ceil(totalSteps / updatesPerEpoch) };
}

/**
 * The number of micro-batches behind each update of one epoch, e.g. (10, 4) -> [4, 4, 2].
 * Each micro-batch's loss is scaled by 1 / (its window's size) before the backward pass,
 * so that the summed gradient is the mean over the window, as Trainer does with
 * `current_gradient_accumulation_steps` (a short last window is not under-weighted).
 */
export function accumulationWindows(batchesInEpoch: number, gradientAccumulationSteps: number): number[] {
  const windows: number[] = [];
  for (let left = batchesInEpoch; left > 0; left -= gradientAccumulationSteps) {
    windows.push(Math.min(left, gradientAccumulationSteps));
  }
  return windows;
}
