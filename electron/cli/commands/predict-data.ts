// `bert-workbench predict --data FILE`: a model on a data file of its task, as the app's
// "Evaluate on a test file" does it — the same readers, evaluation and predictions table,
// so the CSV / JSONL written here equals the app's download. Metrics go to stderr when the
// file has labels.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { initNodeBackend } from '../../../core/backend/node-backends';
import { backendSummary } from '../../../core/backend/select';
import { writeFileAtomic } from '../../../core/io/atomic-write-node';
import { TASK_TRAINING_DEFAULTS, type RunTask } from '../../../core/train/run-config';
import { DEFAULT_TRAINING_SETTINGS } from '../../../core/train/settings';
import { predictionsCsv, predictionsJsonl } from '../../contract/prediction-table';
import type { RunEvaluation, RunRecord } from '../../contract';
import { evaluateModelOnFile, testOptionsOfRun, TestFileError, type TestFileOptions } from '../../runs/test-evaluation';
import { FINAL_MODEL_DIR } from '../../runs/run-store';
import { RUN_FILE } from '../../runs/run-store';
import { UsageError, UserError, type CliIO } from '../command';
import { messageOf } from '../input-files';

const HEAD_TASKS: Record<string, RunTask> = {
  BertForSequenceClassification: 'classification',
  BertForTokenClassification: 'ner',
  BertForQuestionAnswering: 'qa',
};

export interface PredictDataRequest {
  /** A run folder (its model/ and its config's settings) or a model folder. */
  run?: string;
  model?: string;
  data: string;
  output?: string;
  format?: string;
  batchSize?: number;
}

export async function predictDataFile(request: PredictDataRequest, io: CliIO): Promise<number> {
  const format = outputFormat(request);
  const { modelDir, options } = await modelAndOptions(request);
  const backend = await initNodeBackend();
  io.stderr(`backend: ${backendSummary(backend)}\n`);
  let evaluation: RunEvaluation;
  try {
    evaluation = await evaluateModelOnFile(modelDir, request.data, options);
  } catch (error) {
    throw new UserError(error instanceof TestFileError ? error.message : `cannot evaluate ${modelDir} on ${request.data}: ${messageOf(error)}`);
  }
  for (const warning of evaluation.warnings ?? []) io.stderr(`warning: ${warning}\n`);
  const metrics = Object.entries(evaluation.metrics);
  io.stderr(metrics.length ? `${metrics.map(([k, v]) => `${k} ${Number(v.toPrecision(5))}`).join(', ')}\n` : 'the file has no labels: predictions only\n');
  const text = format === 'csv' ? predictionsCsv(evaluation.predictions) : predictionsJsonl(evaluation.predictions);
  if (request.output === undefined) io.stdout(text);
  else {
    await writeFileAtomic(request.output, text);
    io.stderr(`wrote ${evaluation.predictions.length} predictions to ${request.output}\n`);
  }
  return 0;
}

function outputFormat(request: PredictDataRequest): 'csv' | 'jsonl' {
  const format = request.format ?? (request.output?.toLowerCase().endsWith('.csv') ? 'csv' : 'jsonl');
  if (format !== 'csv' && format !== 'jsonl') throw new UsageError(`--format must be csv or jsonl, got ${format}`);
  return format;
}

async function modelAndOptions(request: PredictDataRequest): Promise<{ modelDir: string; options: TestFileOptions }> {
  if (request.run !== undefined) {
    const run = JSON.parse(await readFile(path.join(request.run, RUN_FILE), 'utf8').catch(() => {
      throw new UserError(`${request.run} is not a run folder (no ${RUN_FILE})`);
    })) as RunRecord;
    const options = testOptionsOfRun(run, request.run);
    return { modelDir: path.join(request.run, FINAL_MODEL_DIR), options: request.batchSize ? { ...options, batchSize: request.batchSize } : options };
  }
  const modelDir = request.model!;
  const config = JSON.parse(await readFile(path.join(modelDir, 'config.json'), 'utf8').catch(() => {
    throw new UserError(`${modelDir} is not a model folder (no config.json)`);
  })) as { architectures?: string[] };
  const task = (config.architectures ?? []).map((name) => HEAD_TASKS[name]).find((t) => t !== undefined);
  if (!task) throw new UserError(`${modelDir} has no classification, NER or QA head (config.json architectures: ${(config.architectures ?? []).join(', ') || 'none'})`);
  const settings = { ...DEFAULT_TRAINING_SETTINGS, ...TASK_TRAINING_DEFAULTS[task] };
  return { modelDir, options: { task, maxSeqLength: settings.max_seq_length, docStride: settings.doc_stride, batchSize: request.batchSize ?? 32 } };
}
