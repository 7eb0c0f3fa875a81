// run.json, checked when it is read: a file edited by hand, torn by a dying disk or
// written by another version must not reach code that trusts its types (a `created_at` of
// 5 once stopped the whole service from starting). The fields every reader relies on are
// checked strictly; fields this version does not know are kept as they are, so a newer
// app's run.json still reads.
import { z } from 'zod';
import { RUN_STATUSES, type RunRecord } from '../contract';

const isoDate = z.string({ invalid_type_error: 'must be a date string (ISO 8601)' }).refine((text) => !Number.isNaN(Date.parse(text)), 'must be a date string (ISO 8601)');
const count = z.number({ invalid_type_error: 'must be a number' }).int('must be a whole number').nonnegative('must be >= 0');
// Metric values come from computations and a NaN is written as null: keep them readable.
const metricValue = z.number().nullable();

const runRecordSchema = z
  .object({
    id: z.string({ invalid_type_error: 'must be a string' }),
    name: z.string({ invalid_type_error: 'must be a string' }),
    status: z.enum(RUN_STATUSES, { errorMap: () => ({ message: `must be one of ${RUN_STATUSES.filter((s) => s !== 'damaged').join(', ')}` }) }).exclude(['damaged']),
    config: z.record(z.unknown(), { invalid_type_error: 'must be an object' }),
    created_at: isoDate,
    started_at: isoDate.optional(),
    finished_at: isoDate.optional(),
    train_seconds: z.number().nonnegative().optional(),
    backend: z.object({ name: z.string().nullable(), description: z.string(), reason: z.string() }).passthrough().optional(),
    progress: z.object({ step: count, total_steps: count, epoch: z.number() }).passthrough().optional(),
    last_checkpoint: z.object({ step: count, path: z.string() }).passthrough().optional(),
    final_metrics: z.record(metricValue).optional(),
    best_metric: z.object({ name: z.string(), value: metricValue, step: count }).passthrough().optional(),
    error: z.string().optional(),
    origin: z.enum(['app', 'cli', 'import']).optional(),
    labels: z.array(z.string(), { invalid_type_error: 'must be a list of label names' }).optional(),
    weights_from: z
      .discriminatedUnion('source', [
        z.object({ source: z.literal('hub'), id: z.string(), revision: z.string(), commit: z.string() }).passthrough(),
        z.object({ source: z.literal('folder'), path: z.string(), sha256: z.string() }).passthrough(),
        z.object({ source: z.literal('random'), preset: z.string(), seed: z.number() }).passthrough(),
      ])
      .optional(),
  })
  .passthrough();

export type RunFileCheck = { ok: true; record: RunRecord } | { ok: false; problem: string };

/** Parses run.json's text; `folderId` (the run folder's name) is the run's id whatever the file says. */
export function checkRunFile(text: string, folderId: string): RunFileCheck {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, problem: text.trim() === '' ? 'the file is empty' : `not valid JSON (${reason})` };
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { ok: false, problem: 'must hold a JSON object' };
  const parsed = runRecordSchema.safeParse({ ...raw, id: folderId });
  if (!parsed.success) return { ok: false, problem: parsed.error.issues.map((issue) => describe(issue, raw)).join('; ') };
  // A folder copied by hand keeps its old id inside: the folder name is what addresses the run.
  return { ok: true, record: { ...parsed.data, id: folderId } as RunRecord };
}

function describe(issue: z.ZodIssue, raw: object): string {
  const field = issue.path.join('.');
  let value: unknown = raw;
  for (const part of issue.path) value = (value as Record<string | number, unknown> | undefined)?.[part];
  if (value === undefined) return `${field} is missing`;
  return `${field || 'the record'} ${issue.message}, got ${JSON.stringify(value).slice(0, 80)}`;
}
