// The run config's `distillation` section: which finished model teaches the run's model
// (the student, the config's `model`) and how the two loss terms are weighted.
//
//   "distillation": {"teacher": "runs/2026…-bert-base", "temperature": 2, "alpha": 0.5,
//                    "unlabelled": "more-reviews.txt"?}
//
// Every error names its field ("distillation.alpha: must be between 0 and 1, got 2").
import type { RunTask } from './run-config';

export interface DistillationSettings {
  /** A finished run's folder (its final model/ teaches) or a Hugging Face model folder. */
  teacher: string;
  /** Softmax temperature T of both teacher and student in the soft term (> 0). */
  temperature: number;
  /** Weight of the hard-label cross-entropy, 0..1; the soft term gets 1 − alpha. */
  alpha: number;
  /**
   * Extra text without labels, one example a line (a sentence; for NER its words split
   * by spaces): the teacher's outputs on it train the soft term alone.
   */
  unlabelled?: string;
}

/** DistilBERT's weighting is 0.5 hard / 0.5 soft; T = 2 is the common choice for BERT logits. */
export const DISTILLATION_DEFAULTS = { temperature: 2, alpha: 0.5 } as const satisfies Partial<DistillationSettings>;

/** Tasks whose heads give class or position logits a teacher can soften. */
export const DISTILLATION_TASKS = ['classification', 'ner', 'qa'] as const satisfies readonly RunTask[];
/** Tasks whose unlabelled text is a line of words (QA would need a question and a context). */
export const UNLABELLED_TEXT_TASKS = ['classification', 'ner'] as const satisfies readonly RunTask[];

/** The evaluation metric a teacher and its students are compared by, per task. */
export const DISTILLATION_METRICS: Readonly<Record<(typeof DISTILLATION_TASKS)[number], string>> = { classification: 'eval_accuracy', ner: 'eval_f1', qa: 'eval_f1' };

export const DISTILLATION_HINTS: Readonly<Record<keyof DistillationSettings, string>> = {
  teacher: 'The finished run whose model teaches; the student learns from its outputs on the same data.',
  temperature: 'Softens both softmaxes: above 1 the student also learns how the teacher ranks the wrong answers. 2 is usual.',
  alpha: 'Weight of the true labels; 1 − alpha goes to matching the teacher. 0.5 is DistilBERT’s choice.',
  unlabelled: 'Optional text file, one example a line: the teacher labels it, and the student learns from those outputs only.',
};

const KEYS = ['teacher', 'temperature', 'alpha', 'unlabelled'];

type Problem = (field: string, text: string) => void;

/** The section, defaults filled and paths resolved; undefined (with problems reported) when it is wrong. */
export function parseDistillation(value: unknown, task: RunTask | undefined, resolve: (p: string) => string, problem: Problem): DistillationSettings | undefined {
  const expected = 'give {"teacher": "path/to/finished-run", "temperature": 2, "alpha": 0.5}';
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return void problem('distillation', `must be an object; ${expected}`);
  const section = value as Record<string, unknown>;
  let problems = 0;
  const report: Problem = (field, text) => {
    problems += 1;
    problem(field, text);
  };
  for (const key of Object.keys(section)) if (!KEYS.includes(key)) report(`distillation.${key}`, `is not a distillation setting; one of ${KEYS.join(', ')}`);
  if (task !== undefined && !(DISTILLATION_TASKS as readonly string[]).includes(task)) report('distillation', `the ${task} task cannot be distilled; one of ${DISTILLATION_TASKS.join(', ')}`);

  const teacher = section.teacher;
  if (typeof teacher !== 'string' || teacher === '') report('distillation.teacher', `${teacher === undefined ? 'missing' : `must be a folder path, got ${JSON.stringify(teacher)}`}; ${expected}`);
  const temperature = numberSetting(section, 'temperature', DISTILLATION_DEFAULTS.temperature, report, (t) => (t > 0 ? undefined : 'must be > 0'));
  const alpha = numberSetting(section, 'alpha', DISTILLATION_DEFAULTS.alpha, report, (a) => (a >= 0 && a <= 1 ? undefined : 'must be between 0 and 1'));
  const unlabelled = section.unlabelled;
  if (unlabelled !== undefined && unlabelled !== null) {
    if (typeof unlabelled !== 'string' || unlabelled === '') report('distillation.unlabelled', `must be the path of a text file, got ${JSON.stringify(unlabelled)}`);
    else if (task !== undefined && !(UNLABELLED_TEXT_TASKS as readonly string[]).includes(task)) report('distillation.unlabelled', `unlabelled text is for ${UNLABELLED_TEXT_TASKS.join(' and ')}; ${task} examples need a question and a context`);
  }
  if (problems > 0) return undefined;
  const settings: DistillationSettings = { teacher: resolve(teacher as string), temperature, alpha };
  if (typeof unlabelled === 'string') settings.unlabelled = resolve(unlabelled);
  return settings;
}

function numberSetting(section: Record<string, unknown>, key: string, fallback: number, problem: Problem, check: (value: number) => string | undefined): number {
  const value = section[key];
  if (value === undefined || value === null) return fallback;
  const why = typeof value !== 'number' || !Number.isFinite(value) ? 'must be a number' : check(value);
  if (why) problem(`distillation.${key}`, `${why}, got ${JSON.stringify(value)}`);
  return typeof value === 'number' ? value : fallback;
}
