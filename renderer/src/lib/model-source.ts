// A run's model as the UI names it: the draft's model choice, the catalogue's names, and
// where a run's weights came from (run.json's weights_from). Pure functions.
import type { CatalogueInfo, RunConfigInput, RunRecord, WeightsProvenance } from '../../../electron/contract';

export type ModelChoice = RunConfigInput['model'];

export function downloadKey(hubId: string, revision = 'main'): string {
  return `${hubId}@${revision}`;
}

/** A stable key for a model and task (descriptions are cached by it); a Hub model's revision defaults to main. */
export function modelKey(model: ModelChoice, task: string): string {
  const normalised = 'hub' in model ? { hub: model.hub, revision: model.revision || 'main' } : model;
  return JSON.stringify([normalised, task]);
}

/** "BERT-Tiny (google/bert_uncased_L-2_H-128_A-2)", "org/model @ v1", "bert-tiny (random weights)", or a folder path. */
export function modelLabel(model: ModelChoice, catalogue: readonly CatalogueInfo[]): string {
  if ('preset' in model) return `${model.preset} (random weights)`;
  if ('checkpoint' in model) return model.checkpoint;
  const entry = catalogue.find((c) => c.hubId === model.hub);
  const revision = model.revision && model.revision !== 'main' ? ` @ ${model.revision}` : '';
  return entry ? `${entry.name} (${model.hub})${revision}` : `${model.hub}${revision}`;
}

/** Fine-tuning from a preset starts from random weights; masked-LM pre-training from scratch is what presets are for. */
export function startsFromRandomWeights(model: ModelChoice, task: string): boolean {
  return 'preset' in model && task !== 'mlm';
}

/** Where a run's weights came from, in a line: the Hub id and commit, the folder and digest, or random init and seed. */
export function weightsLabel(from: WeightsProvenance): string {
  switch (from.source) {
    case 'hub':
      return `${from.id} @ ${from.commit.slice(0, 10)}${from.revision !== from.commit ? ` (${from.revision})` : ''}`;
    case 'folder':
      return `${from.path} (sha256 ${from.sha256.slice(0, 10)}…)`;
    case 'random':
      return `random init: ${from.preset}, seed ${from.seed}`;
  }
}

/** weights_from when the run recorded it; for older runs, what its config says (without a commit). */
export function runWeights(run: Pick<RunRecord, 'config' | 'weights_from'>): string {
  if (run.weights_from) return weightsLabel(run.weights_from);
  const model = (run.config.model ?? {}) as { hub?: unknown; preset?: unknown; checkpoint?: unknown };
  if (typeof model.hub === 'string') return `${model.hub} (not started yet)`;
  if (typeof model.preset === 'string') return `random init: ${model.preset}`;
  if (typeof model.checkpoint === 'string') return model.checkpoint;
  return '—';
}
