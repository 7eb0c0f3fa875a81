// The service API, declared once: every method's parameter schema (checked at the
// service boundary, since messages come from outside the process) and result type.
// Both routes — Electron IPC and the browser-mode WebSocket — carry exactly this API.
import { z } from 'zod';
import { EXPORT_FORMATS, QUANTIZATION_NAMES } from '../../core/export/formats';
import { RUN_TASKS } from '../../core/train/run-config';
import type {
  DatasetEntry,
  CachedModelInfo,
  CatalogueInfo,
  DatasetReport,
  DownloadState,
  HubSettings,
  ModelDescription,
  ExportResult,
  ImportedFile,
  LatencyReport,
  MetricsRow,
  Prediction,
  PresetInfo,
  RunEstimate,
  RunEvaluation,
  RunLogLine,
  RunConfigInput,
  RunRecord,
  SampleInfo,
  SchedulePreview,
  SystemInfo,
  SystemSample,
  TrainingDefaults,
} from './types';
import { runIdSchema } from './run-id';

const noParams = z.object({}).strict().optional();
const task = z.enum(RUN_TASKS);
const runId = z.object({ id: runIdSchema }).strict();
const path = z.string().min(1).max(4096);
const columnName = z.string().min(1).max(500);
/** The roles a run config's data.columns may map; which apply is the task's business (datasets/). */
const dataColumns = z
  .object({ text: columnName.optional(), text_pair: columnName.nullable().optional(), label: columnName.optional(), tokens: columnName.optional(), tags: columnName.optional() })
  .strict();
const labelNames = z.record(z.string().min(1).max(500)).refine((names) => Object.keys(names).length <= 10_000, 'at most 10,000 label names');
const datasetId = z.string().regex(/^[0-9a-f]{16}$/, 'a data set id is 16 hex digits');
/**
 * A run config as its caller writes it (RunConfigInput). On the wire it is any object: the
 * core's own parser checks it field by field and names the field; the type is for the
 * callers in TypeScript, so that a misspelt setting fails to compile before it fails to parse.
 */
const runConfig = z.record(z.unknown()) as unknown as z.ZodType<Record<string, unknown>, z.ZodTypeDef, RunConfigInput>;
/** Parts of a config that the core's parser checks (a run config's changes, training settings). */
const configPart = z.record(z.unknown());
/** A Hub model id and revision; the core's validators (core/hub/hub.ts) check them as path parts. */
const hubModel = z.object({ hub: z.string().min(1).max(200), revision: z.string().min(1).max(255).optional() }).strict();
/** A run config's `model`; checked by the core's run-config parser. */
const modelSource = z.record(z.unknown());

export const methodParams = {
  'system.info': noParams,
  /** Builds the fast CPU backend (native-cpu) where a compiler and OpenBLAS are; runs after it train on it. */
  'system.buildNativeBackend': noParams,
  'models.presets': noParams,
  'models.catalogue': noParams,
  'models.cached': noParams,
  'models.download': hubModel.extend({ token: z.string().min(1).max(500).optional() }).strict(),
  'models.cancelDownload': hubModel,
  'models.downloads': noParams,
  'models.hubSettings': noParams,
  /** token: kept in the service's memory for this session only; null forgets it. */
  'models.setHubSettings': z.object({ offline: z.boolean().optional(), token: z.string().min(1).max(500).nullable().optional() }).strict(),
  'models.describe': z.object({ model: modelSource, task: task.optional() }).strict(),

  'datasets.samples': noParams,
  'datasets.inspect': z
    .object({
      task,
      train: path,
      validation: path.optional(),
      maxSeqLength: z.number().int().positive().max(8192).optional(),
      docStride: z.number().int().positive().max(8192).optional(),
      /** A run config's data.columns and data.label_names: the preview and statistics follow them. */
      columns: dataColumns.optional(),
      labelNames: labelNames.optional(),
      /** The run's model: its tokenizer counts the tokens (default: the presets' bert-base-uncased vocabulary). */
      model: modelSource.optional(),
    })
    .strict(),
  'datasets.import': z
    .object({
      name: z.string().min(1).max(255),
      /** The file's bytes, base64: the service checks the encoding itself (not UTF-8 is an error to report). */
      contentBase64: z.string().max(300 * 1024 * 1024),
      /** The task the person reads it as, remembered with the data set. */
      task: task.optional(),
    })
    .strict(),
  'datasets.list': noParams,
  'datasets.rename': z.object({ id: datasetId, name: z.string().min(1).max(255) }).strict(),
  'datasets.update': z
    .object({ id: datasetId, task: task.nullable().optional(), columns: dataColumns.nullable().optional(), labelNames: labelNames.nullable().optional() })
    .strict(),
  'datasets.delete': z.object({ id: datasetId }).strict(),

  'training.defaults': noParams,
  'training.schedule': z.object({ config: runConfig, numExamples: z.number().int().nonnegative() }).strict(),
  'training.estimate': z
    .object({
      config: runConfig,
      numExamples: z.number().int().nonnegative(),
      /** The training data's token lengths (the dataset report's histogram): dynamic padding makes a batch as long as its longest example. */
      lengthHistogram: z.array(z.object({ from: z.number().int().nonnegative(), to: z.number().int().positive(), count: z.number().int().nonnegative() }).strict()).max(4096).optional(),
    })
    .strict(),

  'runs.list': noParams,
  'runs.get': runId,
  'runs.create': z.object({ name: z.string().min(1).max(200).optional(), config: runConfig, start: z.boolean().optional() }).strict(),
  'runs.start': runId,
  'runs.cancel': runId,
  'runs.resume': runId,
  'runs.duplicate': z
    .object({ id: runIdSchema, name: z.string().min(1).max(200).optional(), changes: configPart.optional(), start: z.boolean().optional() })
    .strict(),
  'runs.delete': runId,
  'runs.metrics': z.object({ id: runIdSchema, sinceStep: z.number().optional() }).strict(),
  'runs.logs': runId,
  'runs.predict': z
    .object({
      id: runIdSchema,
      inputs: z
        .array(
          z.union([
            // top_k: fill-mask candidates per [MASK] (pre-training models).
            z.object({ text: z.string().max(100_000), text_pair: z.string().max(100_000).optional(), top_k: z.number().int().min(1).max(100).optional() }).strict(),
            z.object({ tokens: z.array(z.string().max(1000)).max(5000) }).strict(),
            z.object({ question: z.string().max(10_000), context: z.string().max(200_000) }).strict(),
          ]),
        )
        .min(1)
        .max(256),
    })
    .strict(),
  /** The model source ({"checkpoint": dir}) of the run's final model, for a new run that starts from it (fine-tune from a pre-training run). */
  'runs.modelSource': runId,
  'runs.export': z
    .object({ id: runIdSchema, format: z.enum(EXPORT_FORMATS), outDir: path.optional(), quantize: z.enum(QUANTIZATION_NAMES).optional() })
    .strict(),
  /** Shows an export folder of the run in the system's file manager (the desktop app only; browser mode downloads a zip, EXPORT_DOWNLOAD_ROUTE). */
  'runs.revealExport': z.object({ id: runIdSchema, path }).strict(),
  'runs.update': z
    .object({
      id: runIdSchema,
      name: z.string().trim().min(1).max(200).optional(),
      tags: z.array(z.string().trim().min(1).max(40)).max(20).optional(),
      notes: z.string().max(10_000).optional(),
    })
    .strict(),
  'runs.evaluation': z.object({ id: runIdSchema, kind: z.enum(['last', 'best', 'test']) }).strict(),
  /** The run's final model on a data file of its task: metrics when it has labels, and every prediction. */
  'runs.evaluateFile': z.object({ id: runIdSchema, file: path }).strict(),
  'runs.system': runId,
  /** A new run: the finished run `id` teaches `student` on its data (the teacher's config, with these changes). */
  'runs.distil': z
    .object({
      id: runIdSchema,
      /** {run: id} for a finished run's model, else a run config `model` (checked by the core's parser). */
      student: z.union([z.object({ run: runIdSchema }).strict(), modelSource]),
      temperature: z.number().optional(),
      alpha: z.number().optional(),
      unlabelled: path.optional(),
      /** Training settings that differ from the teacher's (max_steps, learning_rate, …). */
      training: configPart.optional(),
      name: z.string().min(1).max(200).optional(),
      start: z.boolean().optional(),
    })
    .strict(),
  /** Parameters, size on disk and forward latency (batch 1 and 8) of finished runs' models, measured now on this machine. */
  'runs.latency': z
    .object({ ids: z.array(runIdSchema).min(1).max(8), seqLen: z.number().int().min(8).max(512).optional() })
    .strict(),
} as const;

/** Browser mode's download of an export folder as a zip: GET with `token`, `run` and `path` query parameters. */
export const EXPORT_DOWNLOAD_ROUTE = '/downloads/export';

export type MethodName = keyof typeof methodParams;

export interface MethodResults {
  'system.info': SystemInfo;
  'system.buildNativeBackend': SystemInfo;
  'models.presets': PresetInfo[];
  'models.catalogue': CatalogueInfo[];
  'models.cached': CachedModelInfo[];
  'models.download': DownloadState;
  'models.cancelDownload': DownloadState;
  'models.downloads': DownloadState[];
  'models.hubSettings': HubSettings;
  'models.setHubSettings': HubSettings;
  'models.describe': ModelDescription;
  'datasets.samples': SampleInfo[];
  'datasets.inspect': DatasetReport;
  'datasets.import': ImportedFile;
  'datasets.list': DatasetEntry[];
  'datasets.rename': DatasetEntry;
  'datasets.update': DatasetEntry;
  'datasets.delete': { deleted: string };
  'training.defaults': TrainingDefaults;
  'training.schedule': SchedulePreview;
  'training.estimate': RunEstimate;
  'runs.list': RunRecord[];
  'runs.get': RunRecord;
  'runs.create': RunRecord;
  'runs.start': RunRecord;
  'runs.cancel': RunRecord;
  'runs.resume': RunRecord;
  'runs.duplicate': RunRecord;
  'runs.delete': { deleted: string };
  'runs.metrics': MetricsRow[];
  'runs.logs': RunLogLine[];
  'runs.predict': Prediction[];
  'runs.modelSource': { checkpoint: string };
  'runs.export': ExportResult;
  'runs.revealExport': { path: string };
  'runs.update': RunRecord;
  'runs.evaluation': RunEvaluation | null;
  'runs.evaluateFile': RunEvaluation;
  'runs.system': SystemSample[];
  'runs.distil': RunRecord;
  'runs.latency': LatencyReport;
}

export type MethodParams<M extends MethodName> = z.input<(typeof methodParams)[M]>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methodParams, name);
}
