// The service API, declared once: every method's parameter schema (checked at the
// service boundary, since messages come from outside the process) and result type.
// Both routes — Electron IPC and the browser-mode WebSocket — carry exactly this API.
import { z } from 'zod';
import type {
  DatasetReport,
  ExportResult,
  ImportedFile,
  LatencyReport,
  MetricsRow,
  Prediction,
  PresetInfo,
  RunEstimate,
  RunLogLine,
  RunRecord,
  SampleInfo,
  SchedulePreview,
  SystemInfo,
  TrainingDefaults,
} from './types';

const noParams = z.object({}).strict().optional();
const task = z.enum(['classification', 'ner', 'qa']);
const runId = z.object({ id: z.string().min(1).max(200) }).strict();
const path = z.string().min(1).max(4096);
/** The run config is checked field by field by the core's own parser, which names the field. */
const runConfig = z.record(z.unknown());

export const methodParams = {
  'system.info': noParams,
  'models.presets': noParams,

  'datasets.samples': noParams,
  'datasets.inspect': z
    .object({
      task,
      train: path,
      validation: path.optional(),
      maxSeqLength: z.number().int().positive().max(8192).optional(),
      docStride: z.number().int().positive().max(8192).optional(),
    })
    .strict(),
  'datasets.import': z
    .object({
      name: z.string().min(1).max(255),
      /** The file's bytes, base64: the service checks the encoding itself (not UTF-8 is an error to report). */
      contentBase64: z.string().max(300 * 1024 * 1024),
    })
    .strict(),

  'training.defaults': noParams,
  'training.schedule': z.object({ config: runConfig, numExamples: z.number().int().nonnegative() }).strict(),
  'training.estimate': z.object({ config: runConfig, numExamples: z.number().int().nonnegative() }).strict(),

  'runs.list': noParams,
  'runs.get': runId,
  'runs.create': z.object({ name: z.string().min(1).max(200).optional(), config: runConfig, start: z.boolean().optional() }).strict(),
  'runs.start': runId,
  'runs.cancel': runId,
  'runs.resume': runId,
  'runs.duplicate': z
    .object({ id: z.string().min(1), name: z.string().min(1).max(200).optional(), changes: runConfig.optional(), start: z.boolean().optional() })
    .strict(),
  'runs.delete': runId,
  'runs.metrics': z.object({ id: z.string().min(1), sinceStep: z.number().optional() }).strict(),
  'runs.logs': runId,
  'runs.predict': z
    .object({
      id: z.string().min(1),
      inputs: z
        .array(
          z.union([
            z.object({ text: z.string().max(100_000), text_pair: z.string().max(100_000).optional() }).strict(),
            z.object({ tokens: z.array(z.string().max(1000)).max(5000) }).strict(),
            z.object({ question: z.string().max(10_000), context: z.string().max(200_000) }).strict(),
          ]),
        )
        .min(1)
        .max(256),
    })
    .strict(),
  'runs.export': z
    .object({ id: z.string().min(1), format: z.enum(['hf', 'tfjs']), outDir: path.optional(), quantize: z.enum(['f16', 'u8']).optional() })
    .strict(),
  /** A new run: the finished run `id` teaches `student` on its data (the teacher's config, with these changes). */
  'runs.distil': z
    .object({
      id: z.string().min(1).max(200),
      /** {run: id} for a finished run's model, else a run config `model` (checked by the core's parser). */
      student: z.union([z.object({ run: z.string().min(1).max(200) }).strict(), runConfig]),
      temperature: z.number().optional(),
      alpha: z.number().optional(),
      unlabelled: path.optional(),
      /** Training settings that differ from the teacher's (max_steps, learning_rate, …). */
      training: runConfig.optional(),
      name: z.string().min(1).max(200).optional(),
      start: z.boolean().optional(),
    })
    .strict(),
  /** Parameters, size on disk and forward latency (batch 1 and 8) of finished runs' models, measured now on this machine. */
  'runs.latency': z
    .object({ ids: z.array(z.string().min(1).max(200)).min(1).max(8), seqLen: z.number().int().min(8).max(512).optional() })
    .strict(),
} as const;

export type MethodName = keyof typeof methodParams;

export interface MethodResults {
  'system.info': SystemInfo;
  'models.presets': PresetInfo[];
  'datasets.samples': SampleInfo[];
  'datasets.inspect': DatasetReport;
  'datasets.import': ImportedFile;
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
  'runs.export': ExportResult;
  'runs.distil': RunRecord;
  'runs.latency': LatencyReport;
}

export type MethodParams<M extends MethodName> = z.input<(typeof methodParams)[M]>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methodParams, name);
}
