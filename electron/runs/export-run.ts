// Exporting a run (the service's runs.export and `bert-workbench export`): its final model
// — or its last checkpoint when it has none yet — as a Hugging Face folder with a model
// card, for TensorFlow.js with a page, or for ONNX Runtime and transformers.js, checked
// against the app's outputs on a few of the run's own validation examples.
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { TokenizerFiles } from '../../core/checkpoint/hf-folder';
import { loadHfModel } from '../../core/checkpoint/hf-folder-node';
import { exportHfFolder } from '../../core/export/hf-export-node';
import { modelCard, type ModelCardInput } from '../../core/export/model-card';
import type { ExportOutcome } from '../../core/export/outcome';
import { quantizationProblem, type ExportFormat, type ExportQuantization } from '../../core/export/formats';
import type { OnnxQuantization } from '../../core/export/onnx-export';
import { exportOnnxFolder } from '../../core/export/onnx-export-node';
import type { ParityExample } from '../../core/export/parity';
import { exportTfjsFolder } from '../../core/export/tfjs-export-node';
import type { Quantization } from '../../core/export/tfjs-weights';
import { repoIdFromCachePath, validateRepoId } from '../../core/hub/hub';
import { RUN_TASKS, type WeightsProvenance } from '../../core/train/run-config';
import type { BertModel } from '../../core/model/model';
import { defaultVocabPath } from '../../core/tokenizer/load-node';
import { bestModelMetricKey, parseTrainingSettings, type TrainingSettings } from '../../core/train/settings';
import { loadDatasetFiles } from '../../datasets/read-node';
import { readOptionsFor, type DataReading } from '../../datasets/read-options';
import type { ExampleOf, Task } from '../../datasets/types';
import packageJson from '../../package.json' with { type: 'json' };
import type { ExportResult, RunRecord } from '../contract';
import type { RunStore } from './run-store';

import { ExportError } from './export-error';

export { ExportError };

export { EXPORT_FORMATS, EXPORT_QUANTIZATIONS, quantizationProblem, type ExportFormat, type ExportQuantization } from '../../core/export/formats';

export interface ExportRunOptions {
  format: ExportFormat;
  /**
   * Default <run>/exports/<format>[-<quantize>]. Elsewhere it must be a new or empty
   * folder, or one an earlier export made (core/export/write-export-node.ts).
   */
  outDir?: string;
  /** What a relative outDir is relative to (the CLI: its working folder); without it a relative outDir is refused. */
  baseDir?: string;
  /** TF.js: store the weight matrices as float16 or uint8; ONNX: also write onnx/model_quantized.onnx (int8). */
  quantize?: ExportQuantization;
  /** How many validation examples the parity check runs (default 4). */
  parityExamples?: number;
}

export type ExportRunResult = ExportResult & { parity: NonNullable<ExportResult['parity']>; warnings: string[] };

const BERT_BASE_VOCAB_SIZE = 30522;

export function defaultExportDir(runDir: string, format: ExportFormat, quantize?: ExportQuantization): string {
  return path.join(runDir, 'exports', quantize ? `${format}-${quantize}` : format);
}

/** The run's final model folder, else its last checkpoint. */
function modelDirOf(runDir: string, record: RunRecord): string {
  const final = path.join(runDir, 'model');
  if (existsSync(path.join(final, 'config.json'))) return final;
  const checkpoint = record.last_checkpoint && path.join(runDir, record.last_checkpoint.path);
  if (checkpoint && existsSync(path.join(checkpoint, 'config.json'))) return checkpoint;
  throw new ExportError(`run "${record.id}" has no model to export yet: it has neither model/ nor a saved checkpoint`);
}

async function tokenizerOf(model: BertModel, loaded: TokenizerFiles | undefined, warnings: string[]): Promise<TokenizerFiles> {
  if (loaded) return loaded;
  if (model.config.vocab_size !== BERT_BASE_VOCAB_SIZE) throw new ExportError('the run\'s model folder has no vocab.txt, and its vocabulary is not bert-base-uncased\'s: cannot write the tokenizer');
  warnings.push('the model folder has no vocab.txt; exported with the bert-base-uncased vocabulary the app ships');
  return { vocab: await readFile(defaultVocabPath(), 'utf8'), tokenizerConfig: { do_lower_case: true } };
}

interface RunData {
  card?: ModelCardInput['dataset'];
  examples: ParityExample[];
}

function exampleText(task: Task, example: ExampleOf[Task]): ParityExample {
  switch (task) {
    case 'classification': {
      const e = example as ExampleOf['classification'];
      return e.textPair === undefined ? { text: e.text } : { text: e.text, textPair: e.textPair };
    }
    case 'ner':
      return { text: (example as ExampleOf['ner']).tokens.join(' ') };
    case 'qa': {
      const e = example as ExampleOf['qa'];
      return { text: e.question, textPair: e.context };
    }
    case 'mlm': {
      // A document's first two sentences, as a next-sentence pair when it has two.
      const [first = '', second] = (example as ExampleOf['mlm']).sentences;
      return second === undefined ? { text: first } : { text: first, textPair: second };
    }
  }
}

function datasetName(file: string): string {
  const stem = path.basename(file).replace(/\.[^.]+$/, '');
  return /^(train|training|data|dataset)$/i.test(stem) ? path.basename(path.dirname(file)) : stem;
}

/** The run's data: its size for the card, a few validation examples for the parity check. */
async function runData(config: Record<string, unknown>, count: number, warnings: string[]): Promise<RunData> {
  const task = config.task as Task;
  const data = config.data as ({ train?: string; validation?: string } & DataReading) | undefined;
  if (!data?.train || !RUN_TASKS.includes(task)) return { examples: [] };
  const card: NonNullable<RunData['card']> = { name: datasetName(data.train), trainFile: path.basename(data.train) };
  if (data.validation) card.validationFile = path.basename(data.validation);
  if (!existsSync(data.train)) {
    warnings.push(`the training data ${data.train} is gone: the card does not count its examples and the parity check uses sample texts`);
    return { card, examples: [] };
  }
  const dataset = await loadDatasetFiles(task, data.validation ? { train: data.train, validation: data.validation } : { train: data.train }, { read: readOptionsFor(task, data) });
  card.trainExamples = dataset.train.length;
  card.validationExamples = dataset.validation.length;
  card.validationFrom = dataset.validationFrom;
  const pool = dataset.validation.length > 0 ? dataset.validation : dataset.train;
  return { card, examples: pool.slice(0, count).map((example) => exampleText(task, example)) };
}

/** Where the run's weights came from, for the card: run.json's weights_from when the run recorded it, else guessed from its config (older and imported runs). */
export function baseModelOf(config: Record<string, unknown>, weightsFrom?: WeightsProvenance): { baseModel?: string; baseCommit?: string; baseDescription?: string } {
  if (weightsFrom?.source === 'hub') return { baseModel: weightsFrom.id, baseCommit: weightsFrom.commit };
  if (weightsFrom?.source === 'folder') return { baseDescription: `the checkpoint folder \`${weightsFrom.path}\` (sha256 of its model files ${weightsFrom.sha256.slice(0, 16)}…)` };
  if (weightsFrom?.source === 'random') return { baseDescription: `none — random initialisation of the ${weightsFrom.preset} architecture (seed ${weightsFrom.seed}), not a pretrained model` };
  const model = config.model as { preset?: string; checkpoint?: string; hub?: string } | undefined;
  if (model?.hub) return { baseModel: model.hub };
  if (model?.preset) return { baseDescription: `the ${model.preset} preset, randomly initialised` };
  const checkpoint = model?.checkpoint;
  if (!checkpoint) return {};
  const cached = repoIdFromCachePath(checkpoint);
  if (cached) return { baseModel: cached };
  if (!existsSync(checkpoint)) {
    try {
      return { baseModel: validateRepoId(checkpoint) };
    } catch {
      // neither a folder nor a Hub id
    }
  }
  return { baseDescription: `the checkpoint folder \`${checkpoint}\`` };
}

function settingsOf(config: Record<string, unknown>): { training: Record<string, unknown>; settings?: TrainingSettings } {
  const given = (config.training ?? {}) as Record<string, unknown>;
  try {
    const settings = parseTrainingSettings(given);
    return { training: { ...settings }, settings };
  } catch {
    return { training: given }; // an imported run's settings are Trainer's, shown as they are
  }
}

/** The absolute export folder: the default inside the run, or outDir resolved against the stated base only. */
function exportDestination(runDir: string, options: ExportRunOptions): string {
  if (options.outDir === undefined) return defaultExportDir(runDir, options.format, options.quantize);
  if (path.isAbsolute(options.outDir)) return path.normalize(options.outDir);
  if (options.baseDir === undefined) throw new ExportError(`outDir must be an absolute path, got "${options.outDir}": there is no folder to resolve it against`);
  return path.resolve(options.baseDir, options.outDir);
}

export async function exportRun(store: RunStore, runId: string, options: ExportRunOptions): Promise<ExportRunResult> {
  const problem = quantizationProblem(options.format, options.quantize);
  if (problem) throw new ExportError(problem);
  const record = await store.get(runId);
  const runDir = store.dir(runId);
  const modelDir = modelDirOf(runDir, record);
  const outDir = exportDestination(runDir, options);
  const ownedByApp = options.outDir === undefined;
  const warnings: string[] = [];
  if (modelDir !== path.join(runDir, 'model')) warnings.push(`the run has no final model yet; exported its last checkpoint (${path.relative(runDir, modelDir)})`);

  const loaded = await loadHfModel(modelDir);
  try {
    const { model } = loaded;
    const tokenizer = await tokenizerOf(model, loaded.tokenizer, warnings);
    const data = await runData(record.config, options.parityExamples ?? 4, warnings).catch((error: unknown) => {
      warnings.push(`could not read the run's data (${error instanceof Error ? error.message : String(error)}); the parity check uses sample texts`);
      return { examples: [] } as RunData;
    });
    let outcome: ExportOutcome;
    if (options.format === 'hf') {
      const { training, settings } = settingsOf(record.config);
      const card = modelCard({
        title: record.name,
        config: model.config,
        head: model.headName,
        architecture: model.head.architecture,
        parameters: model.params.numParameters(),
        ...baseModelOf(record.config, record.weights_from),
        ...(data.card ? { dataset: data.card } : {}),
        training,
        run: {
          id: record.id,
          ...(record.backend?.name ? { backend: record.backend.name } : {}),
          ...(record.train_seconds !== undefined ? { trainSeconds: record.train_seconds } : {}),
          ...(record.finished_at ? { finishedAt: record.finished_at } : {}),
        },
        metrics: await store.readMetrics(runId),
        ...(record.final_metrics ? { finalMetrics: record.final_metrics } : {}),
        ...(record.best_metric ? { bestMetric: record.best_metric } : {}),
        ...(settings ? { metricForBestModel: bestModelMetricKey(settings), greaterIsBetter: settings.greater_is_better } : {}),
      });
      outcome = await exportHfFolder(outDir, model, tokenizer, { card, parityExamples: data.examples, ownedByApp });
    } else if (options.format === 'tfjs') {
      outcome = await exportTfjsFolder(outDir, model, tokenizer, {
        ...(options.quantize ? { quantize: options.quantize as Quantization } : {}),
        parityExamples: data.examples,
        generatedBy: `BERT Workbench ${packageJson.version}`,
        ownedByApp,
      });
    } else {
      outcome = await exportOnnxFolder(outDir, model, tokenizer, {
        ...(options.quantize ? { quantize: options.quantize as OnnxQuantization } : {}),
        parityExamples: data.examples,
        producerVersion: packageJson.version,
        ownedByApp,
      });
    }
    return {
      format: options.format,
      path: outcome.path,
      files: outcome.files,
      parity: outcome.parity,
      ...(outcome.quantizedParity ? { quantized_parity: outcome.quantizedParity } : {}),
      warnings: [...warnings, ...loaded.report.warnings, ...outcome.warnings],
    };
  } finally {
    loaded.model.dispose();
  }
}
