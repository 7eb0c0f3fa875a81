// The training loop: Transformers' Trainer over a BertModel and in-memory features,
// platform-neutral (checkpoints go through a CheckpointSink; the file system one is
// checkpoint-node.ts). One optimizer update is:
//
//   for each micro-batch of the accumulation window (the epoch's order, batch_size each):
//       loss_i = head loss of the batch, with dropout, scaled by 1 / window size
//       grads += d loss_i / d trainable parameters
//   grad_norm = global L2 norm of grads               (logged before clipping)
//   grads     = grads * min(1, max_grad_norm / grad_norm)
//   AdamW step with lr = schedule(step) x each parameter's layer-wise scale
//
// then, when due: log (mean loss since the last log), evaluate, early-stop, checkpoint.
// A checkpoint holds the weights, the AdamW moments and the TrainerState, taken between
// updates, so a run resumed from it computes exactly what the uninterrupted run computes.
import * as tf from '../tf';
import { BertModel } from '../model/model';
import { AdamW } from './adamw';
import { collate, disposeBatch, epochOrder, maskForMlm, microBatchIndices } from './batching';
import type { CheckpointSink, ResumePoint } from './checkpoints';
import { markTrainingStepEnd } from '../native-cpu/step-end';
import { clipCoefficient, globalGradNorm } from './clip';
import { evaluateInDetail, type EvaluationSet } from './evaluation';
import type { EvaluationDetails } from './evaluation-report';
import type { TrainerEventListener } from './events';
import { featureProblem, type TrainingFeature } from './features';
import { computeGradients, disposeGradients, GradientAccumulator } from './gradients';
import type { MaskingOptions } from './mlm';
import { planParameters } from './parameter-groups';
import { learningRateAt, resolveWarmupSteps, type LrSchedule } from './schedule';
import { bestModelMetricKey, type TrainingSettings } from './settings';
import { planTrainingSteps, type StepPlan } from './steps';
import { rngsFrom, snapshotRngs, stopMessage, type TrainerRngs } from './stop-and-save';
import { headLoss, type TrainingLoss } from './training-loss';
import { emptyPendingLog, initialTrainerState, type BestMetric, type TrainerState } from './trainer-state';

export interface TrainerOptions {
  /** Owned by the caller, who disposes it; the trainer updates its weights in place. */
  model: BertModel;
  train: readonly TrainingFeature[];
  evaluation?: EvaluationSet;
  settings: TrainingSettings;
  /** Pre-training features without labels are masked on the fly with these token ids. */
  maskTokens?: MaskingOptions;
  /** What to minimise instead of the head's loss (distillation); evaluation still reports the head's. */
  loss?: TrainingLoss;
  checkpoints?: CheckpointSink;
  resume?: ResumePoint;
  onEvent?: TrainerEventListener;
  /** Checked before every micro-batch; true ends the run as cancelled, with a checkpoint of the last finished update. */
  shouldStop?: () => boolean;
  /** Every evaluation's report and predictions (when its set gives them). */
  onEvaluation?: (evaluation: TrainerEvaluation) => void;
  /** Milliseconds; tests pass a fake clock. */
  now?: () => number;
}

/** One evaluation in full: its eval_* metrics, report and predictions; `best` when it is the new best by metric_for_best_model. */
export interface TrainerEvaluation {
  step: number;
  epoch: number;
  metrics: Record<string, number>;
  details: EvaluationDetails;
  best: boolean;
}

export interface TrainResult {
  status: 'completed' | 'cancelled';
  /** Set when early stopping ended the run before its last step. */
  stoppedEarly?: string;
  globalStep: number;
  totalSteps: number;
  /** Fractional epochs done. */
  epoch: number;
  trainSeconds: number;
  /** The last evaluation's eval_* metrics, or the best one's with load_best_model_at_end. */
  finalMetrics?: Record<string, number>;
  best: BestMetric | null;
  lastCheckpoint?: { step: number; path: string };
  /** The model as trained: the caller's parameters, with the dropout override in its config. */
  model: BertModel;
}

/** The model with settings.dropout in place of every dropout probability of its config (null: unchanged). Shares the parameters. */
export function withDropout(model: BertModel, dropout: number | null): BertModel {
  if (dropout === null) return model;
  const config = { ...model.config, hidden_dropout_prob: dropout, attention_probs_dropout_prob: dropout, classifier_dropout: dropout };
  return new BertModel(config, model.head, model.params);
}

interface UpdateResult {
  loss: number;
  gradNorm: number;
  learningRate: number;
  samples: number;
  seconds: number;
  epochEnded: boolean;
}

const MAX_REPORTED_PROBLEMS = 5;

export class Trainer {
  readonly model: BertModel;
  readonly plan: StepPlan;
  readonly schedule: LrSchedule;
  private readonly settings: TrainingSettings;
  private readonly features: readonly TrainingFeature[];
  private readonly trainable: Map<string, tf.Variable>;
  private readonly optimizer: AdamW;
  private readonly state: TrainerState;
  private rng: TrainerRngs;
  private readonly now: () => number;
  private readonly emit: TrainerEventListener;
  private readonly bestMetricKey: string;
  private session = { startedAt: 0, trainSecondsBefore: 0, updates: 0 };
  private lastEval?: { step: number; metrics: Record<string, number> };
  private lastCheckpoint?: { step: number; path: string };

  constructor(private readonly options: TrainerOptions) {
    const { settings } = options;
    this.settings = settings;
    this.features = options.train;
    this.model = withDropout(options.model, settings.dropout);
    this.now = options.now ?? (() => performance.now());
    this.emit = options.onEvent ?? (() => {});
    this.bestMetricKey = bestModelMetricKey(settings);
    checkFeatures(this.features, this.model, options.maskTokens);
    this.checkEvaluationSettings();

    this.plan = planTrainingSteps({
      numExamples: this.features.length,
      batchSize: settings.batch_size,
      gradientAccumulationSteps: settings.gradient_accumulation_steps,
      numTrainEpochs: settings.num_train_epochs,
      maxSteps: settings.max_steps,
    });
    this.schedule = {
      type: settings.lr_scheduler_type,
      baseLr: settings.learning_rate,
      totalSteps: this.plan.totalSteps,
      warmupSteps: resolveWarmupSteps(this.plan.totalSteps, settings),
    };
    // Frozen parameters are simply not differentiated: no gradient, no update, no decay.
    const parameters = planParameters(this.model.params.names(), { ...settings, numLayers: this.model.config.num_hidden_layers });
    this.trainable = new Map([...parameters.trainable.keys()].map((name) => [name, this.model.params.get(name)]));
    this.state = options.resume ? this.checkResumeState(options.resume.state) : initialTrainerState(this.features.length, this.plan.totalSteps, settings);
    this.rng = rngsFrom(this.state.rng);
    this.optimizer = new AdamW(new Map(this.model.params.entries()), parameters.trainable, { weightDecay: settings.weight_decay });
    if (options.resume) this.optimizer.loadState(options.resume.optimizer);
  }

  get globalStep(): number {
    return this.state.global_step;
  }

  /** Runs to the last step, early stopping or `shouldStop`; the optimizer's tensors are freed when it returns. */
  async train(): Promise<TrainResult> {
    this.session = { startedAt: this.now(), trainSecondsBefore: this.state.train_seconds, updates: 0 };
    try {
      while (this.state.global_step < this.plan.totalSteps) {
        // Training is synchronous compute: yield between updates so that a cancel request,
        // metrics writes and progress reach the event loop.
        await yieldToEventLoop();
        const update = await this.trainOneUpdate();
        if (!update) return await this.stopAndSave();
        this.session.updates += 1;
        this.log(update);
        const isLast = this.state.global_step === this.plan.totalSteps;
        const evaluated = (await this.evaluateIfDue(update.epochEnded, isLast)) !== undefined;
        const stoppedEarly = evaluated ? this.earlyStoppingReason() : undefined;
        if (this.isSaveDue(update.epochEnded, evaluated) || isLast || stoppedEarly) await this.saveCheckpoint();
        if (stoppedEarly) {
          this.emit({ type: 'log', level: 'info', message: stoppedEarly });
          return await this.finish(stoppedEarly);
        }
      }
      return await this.finish();
    } finally {
      this.optimizer.dispose();
    }
  }

  // -- one optimizer update -------------------------------------------------------------

  /** One accumulation window and the update it makes; undefined when `shouldStop` interrupted it. */
  private async trainOneUpdate(): Promise<UpdateResult | undefined> {
    const started = this.now();
    const windowSize = Math.min(this.settings.gradient_accumulation_steps, this.plan.batchesPerEpoch - this.state.batch_in_epoch);
    const accumulator = new GradientAccumulator();
    const rngBefore = snapshotRngs(this.rng);
    let loss = 0;
    let samples = 0;
    try {
      for (let i = 0; i < windowSize; i++) {
        if (this.options.shouldStop?.()) {
          accumulator.dispose();
          this.rng = rngsFrom(rngBefore); // the abandoned window's draws are drawn again on resume
          return undefined;
        }
        const indices = microBatchIndices(this.state.epoch_order, this.settings.batch_size, this.state.batch_in_epoch + i);
        const micro = await this.microBatchGradients(indices, windowSize);
        accumulator.add(micro.grads);
        loss += micro.loss; // already scaled by 1 / windowSize: the sum is the window's mean
        samples += indices.length;
      }
    } catch (error) {
      accumulator.dispose(); // a failed micro-batch leaves no gradients behind
      throw error;
    }
    const learningRate = learningRateAt(this.schedule, this.state.global_step);
    const gradNorm = await this.applyGradients(accumulator.take(), learningRate);

    this.state.global_step += 1;
    this.state.batch_in_epoch += windowSize;
    const epochEnded = this.state.batch_in_epoch === this.plan.batchesPerEpoch;
    if (epochEnded) this.startNextEpoch();
    return { loss, gradNorm, learningRate, samples, seconds: (this.now() - started) / 1000, epochEnded };
  }

  private async microBatchGradients(indices: readonly number[], windowSize: number): Promise<{ loss: number; grads: Map<string, tf.Tensor> }> {
    const features = indices.map((index) => this.prepare(this.features[index]!));
    const batch = collate(features, this.model.headName, this.model.config.pad_token_id);
    try {
      const forward = { training: true, rng: this.rng.dropout, gradientCheckpointing: this.settings.gradient_checkpointing };
      const loss = this.options.loss ?? headLoss;
      return await computeGradients(() => tf.mul(loss(this.model, batch, indices, forward), 1 / windowSize) as tf.Scalar, this.trainable);
    } finally {
      disposeBatch(batch);
    }
  }

  /** Pre-training features without labels get this epoch's random masks. */
  private prepare(feature: TrainingFeature): TrainingFeature {
    if (this.model.headName !== 'pretraining' || feature.labels !== undefined) return feature;
    return maskForMlm(feature, this.options.maskTokens!, this.rng.masking);
  }

  /** Clips (inside the optimizer's update), steps the optimizer and frees the gradients; returns the norm before clipping. */
  private async applyGradients(grads: Map<string, tf.Tensor>, learningRate: number): Promise<number> {
    const maxNorm = this.settings.max_grad_norm;
    const norm = await globalGradNorm(grads);
    // max_grad_norm 0 turns clipping off, as in Trainer; the norm is still logged.
    this.optimizer.step(grads, learningRate, { gradScale: maxNorm > 0 ? clipCoefficient(norm, maxNorm) : 1 });
    disposeGradients(grads);
    markTrainingStepEnd();
    return norm;
  }

  private startNextEpoch(): void {
    this.state.epoch_index += 1;
    this.state.batch_in_epoch = 0;
    this.state.epoch_order = epochOrder(this.features.length, this.settings.shuffle, this.rng.data);
  }

  // -- logging, evaluation, early stopping, checkpoints ---------------------------------

  /** Trainer's fractional epoch: 1.5 is half-way through the second epoch. */
  private get epoch(): number {
    return this.state.epoch_index + this.state.batch_in_epoch / this.plan.batchesPerEpoch;
  }

  private elapsedSeconds(): number {
    return this.session.trainSecondsBefore + (this.now() - this.session.startedAt) / 1000;
  }

  private log(update: UpdateResult): void {
    const pending = this.state.pending_log;
    pending.loss_sum += update.loss;
    pending.steps += 1;
    pending.samples += update.samples;
    pending.seconds += update.seconds;
    const step = this.state.global_step;
    if (step % this.settings.logging_steps !== 0 && step !== this.plan.totalSteps) return;
    const sessionSeconds = (this.now() - this.session.startedAt) / 1000;
    this.emit({
      type: 'step',
      step,
      total_steps: this.plan.totalSteps,
      epoch: this.epoch,
      loss: pending.loss_sum / pending.steps,
      learning_rate: update.learningRate,
      grad_norm: update.gradNorm,
      samples_per_second: pending.seconds > 0 ? pending.samples / pending.seconds : 0,
      elapsed_s: this.elapsedSeconds(),
      eta_s: ((this.plan.totalSteps - step) * sessionSeconds) / this.session.updates,
    });
    this.state.pending_log = emptyPendingLog();
  }

  /** Evaluates every eval_steps updates (or at each epoch's end) and after the last update. */
  private async evaluateIfDue(epochEnded: boolean, isLast: boolean): Promise<Record<string, number> | undefined> {
    const { evaluation } = this.options;
    if (!evaluation) return undefined;
    const everySteps = this.settings.eval_steps;
    const due = everySteps > 0 ? this.state.global_step % everySteps === 0 : epochEnded;
    if (!due && !isLast) return undefined;
    const { metrics, details } = await evaluateInDetail(this.model, evaluation, this.settings.batch_size);
    const step = this.state.global_step;
    this.lastEval = { step, metrics };
    this.emit({ type: 'eval', step, epoch: this.epoch, elapsed_s: this.elapsedSeconds(), metrics });
    const best = this.trackBest(metrics);
    if (details) this.options.onEvaluation?.({ step, epoch: this.epoch, metrics, details, best });
    return metrics;
  }

  /** Whether this evaluation is the new best by metric_for_best_model. */
  private trackBest(metrics: Record<string, number>): boolean {
    const value = metrics[this.bestMetricKey];
    if (value === undefined || Number.isNaN(value)) return false;
    const best = this.state.best;
    const improved = !best || (this.settings.greater_is_better ? value > best.value : value < best.value);
    if (improved) {
      this.state.best = { name: this.bestMetricKey, value, step: this.state.global_step, metrics };
      this.state.early_stopping_counter = 0;
    } else {
      this.state.early_stopping_counter += 1;
    }
    return improved;
  }

  private earlyStoppingReason(): string | undefined {
    const patience = this.settings.early_stopping_patience;
    if (patience === 0 || this.state.early_stopping_counter < patience || this.state.global_step === this.plan.totalSteps) return undefined;
    const best = this.state.best!;
    return `early stopping at step ${this.state.global_step}: ${best.name} has not improved on ${best.value.toPrecision(5)} (step ${best.step}) for ${patience} evaluations`;
  }

  /** Every save_steps updates (or at each epoch's end); with load_best_model_at_end also at every evaluation, so the best is on disk. */
  private isSaveDue(epochEnded: boolean, evaluated: boolean): boolean {
    if (evaluated && this.settings.load_best_model_at_end) return true;
    const everySteps = this.settings.save_steps;
    return everySteps > 0 ? this.state.global_step % everySteps === 0 : epochEnded;
  }

  private async saveCheckpoint(): Promise<void> {
    const sink = this.options.checkpoints;
    if (!sink || this.lastCheckpoint?.step === this.state.global_step) return;
    const state = this.snapshotState();
    const path = await sink.save({ model: this.model, optimizer: await this.optimizer.getState(), state });
    this.lastCheckpoint = { step: state.global_step, path };
    this.emit({ type: 'checkpoint', step: state.global_step, path });
  }

  /** A deep copy with the generators' current states. */
  private snapshotState(): TrainerState {
    this.state.rng = { data: this.rng.data.getState(), dropout: this.rng.dropout.getState(), masking: this.rng.masking.getState() };
    this.state.train_seconds = this.elapsedSeconds();
    return structuredClone(this.state);
  }

  // -- the end ----------------------------------------------------------------------------

  /** A stop request: checkpoint the last finished update (stop-and-save.ts), then end as cancelled. */
  private async stopAndSave(): Promise<TrainResult> {
    const step = this.state.global_step;
    const saving = step > 0 && this.options.checkpoints !== undefined;
    this.emit({ type: 'log', level: 'info', message: stopMessage(step, this.plan.totalSteps, saving) });
    if (saving) await this.saveCheckpoint();
    return this.result('cancelled');
  }

  private async finish(stoppedEarly?: string): Promise<TrainResult> {
    const best = this.state.best;
    if (this.settings.load_best_model_at_end && best && best.step !== this.state.global_step) {
      await this.loadBestWeights(best.step);
      this.emit({ type: 'log', level: 'info', message: `loaded the best model, from step ${best.step} (${best.name} ${best.value.toPrecision(5)})` });
    }
    return this.result('completed', stoppedEarly);
  }

  private async loadBestWeights(step: number): Promise<void> {
    const weights = await this.options.checkpoints!.loadWeights(step);
    for (const [name, variable] of this.model.params.entries()) {
      const values = weights.get(name);
      if (!values) throw new Error(`the checkpoint of step ${step} lacks ${name}`);
      tf.tidy(() => variable.assign(tf.tensor(values, variable.shape, 'float32')));
    }
  }

  private result(status: TrainResult['status'], stoppedEarly?: string): TrainResult {
    const best = this.state.best;
    const useBest = this.settings.load_best_model_at_end && best !== null;
    const result: TrainResult = {
      status,
      globalStep: this.state.global_step,
      totalSteps: this.plan.totalSteps,
      epoch: this.epoch,
      trainSeconds: this.elapsedSeconds(),
      best,
      model: this.model,
    };
    const finalMetrics = useBest ? best.metrics : this.lastEval?.metrics;
    if (finalMetrics) result.finalMetrics = finalMetrics;
    if (stoppedEarly) result.stoppedEarly = stoppedEarly;
    if (this.lastCheckpoint) result.lastCheckpoint = this.lastCheckpoint;
    return result;
  }

  // -- checks before the first step -----------------------------------------------------

  private checkEvaluationSettings(): void {
    const { settings, evaluation } = this.options;
    if (!evaluation) {
      if (settings.early_stopping_patience > 0) throw new Error('training.early_stopping_patience needs validation data to evaluate on');
      if (settings.load_best_model_at_end) throw new Error('training.load_best_model_at_end needs validation data to evaluate on');
      return;
    }
    const known = evaluation.metricNames.map((name) => `eval_${name}`);
    if (!known.includes(this.bestMetricKey)) {
      const names = evaluation.metricNames.join(', ');
      throw new Error(`training.metric_for_best_model "${settings.metric_for_best_model}" is not measured for this task; one of ${names}`);
    }
    if (settings.load_best_model_at_end && !this.options.checkpoints) throw new Error('training.load_best_model_at_end needs somewhere to save checkpoints');
  }

  private checkResumeState(state: TrainerState): TrainerState {
    if (state.epoch_order.length !== this.features.length) {
      throw new Error(`the checkpoint was trained on ${state.epoch_order.length} examples but the training data now has ${this.features.length}; resume with the same data`);
    }
    if (state.total_steps !== this.plan.totalSteps) {
      this.emit({ type: 'log', level: 'warning', message: `the checkpoint planned ${state.total_steps} steps, these settings ${this.plan.totalSteps}: the learning-rate schedule changes from here` });
    }
    return { ...structuredClone(state), total_steps: this.plan.totalSteps };
  }
}

/** Refuses data the model cannot train on, naming the first few bad features. */
function checkFeatures(features: readonly TrainingFeature[], model: BertModel, maskTokens: MaskingOptions | undefined): void {
  if (features.length === 0) throw new Error('there is no training data');
  const problems: string[] = [];
  features.forEach((feature, index) => {
    const problem = featureProblem(feature, model.headName, model.config);
    if (problem && problems.length < MAX_REPORTED_PROBLEMS) problems.push(`training example ${index + 1}: ${problem}`);
  });
  if (problems.length > 0) throw new Error(problems.join('; '));
  if (model.headName === 'pretraining' && !maskTokens && features.some((feature) => feature.labels === undefined)) {
    throw new Error('pre-training features without labels need the tokenizer\'s special tokens to be masked');
  }
}

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Runs a training to its end; the convenience form of `new Trainer(options).train()`. */
export function train(options: TrainerOptions): Promise<TrainResult> {
  return new Trainer(options).train();
}
