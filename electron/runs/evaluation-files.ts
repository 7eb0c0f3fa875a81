// A run's evaluations on disk, beside its metrics: what the predictions viewer, the
// confusion matrix and "Evaluate on a test file" read back after a reload.
//
//   evaluations/last/   the latest evaluation on the validation set
//   evaluations/best/   the best one by metric_for_best_model (what load_best_model_at_end keeps)
//   evaluations/test/   the latest evaluation of the final model on a file the person chose
//
// each holding report.json (step, epoch, metrics, the report) and predictions.jsonl (one
// example per line). A folder is written whole and then renamed into place, so a reader
// finds the report and the predictions of one evaluation, never a mix of two.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic, writeFolderAtomically, writeJsonAtomic } from '../../core/io/atomic-write-node';
import type { EvaluationKind, RunEvaluation } from '../contract';

export const EVALUATIONS_DIR = 'evaluations';
const REPORT_FILE = 'report.json';
const PREDICTIONS_FILE = 'predictions.jsonl';

export function evaluationDir(runDir: string, kind: EvaluationKind): string {
  return path.join(runDir, EVALUATIONS_DIR, kind);
}

export async function writeEvaluation(runDir: string, kind: EvaluationKind, evaluation: RunEvaluation): Promise<void> {
  const { predictions, ...summary } = evaluation;
  await writeFolderAtomically(evaluationDir(runDir, kind), async (dir) => {
    await writeJsonAtomic(path.join(dir, REPORT_FILE), summary);
    await writeFileAtomic(path.join(dir, PREDICTIONS_FILE), predictions.map((row) => JSON.stringify(row) + '\n').join(''));
  });
}

/** The stored evaluation, or null when there is none yet. */
export async function readEvaluation(runDir: string, kind: EvaluationKind): Promise<RunEvaluation | null> {
  const dir = evaluationDir(runDir, kind);
  // A reader can fall between the two renames that replace the folder: look again shortly.
  for (let attempt = 0; ; attempt++) {
    try {
      const [summary, lines] = await Promise.all([readFile(path.join(dir, REPORT_FILE), 'utf8'), readFile(path.join(dir, PREDICTIONS_FILE), 'utf8')]);
      const predictions = lines.split('\n').filter((line) => line.trim() !== '').map((line) => JSON.parse(line) as RunEvaluation['predictions'][number]);
      return { ...(JSON.parse(summary) as Omit<RunEvaluation, 'predictions'>), predictions } as RunEvaluation;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`cannot read the ${kind} evaluation of this run: ${(error as Error).message}`);
      if (attempt >= 2) return null;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
