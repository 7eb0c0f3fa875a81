// Which settings differ between runs: the configs are flattened to dotted keys
// (`training.frozen_layers`), the training defaults filled in (a run that left a knob at its
// default and one that set the same value explicitly do not differ), and only keys whose
// values disagree are kept.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Objects become dotted keys; arrays stay whole values (a list of frozen layers is one setting). */
export function flattenConfig(value: unknown, prefix = ''): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    if (prefix) out[prefix] = value;
    return out;
  }
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    Object.assign(out, flattenConfig(inner, prefix ? `${prefix}.${key}` : key));
  }
  return out;
}

/** Trainer's alias for batch_size is the same setting. */
function normaliseTraining(training: Record<string, unknown>): Record<string, unknown> {
  if (!('per_device_train_batch_size' in training)) return training;
  const { per_device_train_batch_size: batch, ...rest } = training;
  return { batch_size: batch, ...rest };
}

export function withTrainingDefaults(config: Record<string, unknown>, defaults: Record<string, unknown> | undefined): Record<string, unknown> {
  const training = normaliseTraining((config.training as Record<string, unknown> | undefined) ?? {});
  return { ...config, training: { ...(defaults ?? {}), ...training } };
}

export interface DiffRow {
  key: string;
  /** One value per config, in the order given; undefined where the config does not have the key. */
  values: unknown[];
}

export function configDiff(configs: readonly Record<string, unknown>[], trainingDefaults?: Record<string, unknown>): DiffRow[] {
  const flat = configs.map((c) => flattenConfig(withTrainingDefaults(c, trainingDefaults)));
  const keys = [...new Set(flat.flatMap((f) => Object.keys(f)))].sort(compareKeys);
  return keys
    .map((key) => ({ key, values: flat.map((f) => f[key]) }))
    .filter((row) => new Set(row.values.map((v) => JSON.stringify(v) ?? 'undefined')).size > 1);
}

// task, model and data first: they say what a run is before how it trains.
const ORDER = ['task', 'model', 'data', 'training', 'output_dir'];
function compareKeys(a: string, b: string): number {
  const rank = (k: string) => {
    const i = ORDER.indexOf(k.split('.')[0]!);
    return i < 0 ? ORDER.length : i;
  };
  return rank(a) - rank(b) || a.localeCompare(b);
}

export function formatConfigValue(value: unknown): string {
  if (value === undefined) return '—';
  if (Array.isArray(value)) return `[${value.map((v) => formatConfigValue(v)).join(', ')}]`;
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}
