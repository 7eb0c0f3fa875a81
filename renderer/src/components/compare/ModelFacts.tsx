// What each run's model is and what it cost: parameters (and how many trained), depth,
// what was frozen, training time and backend.
import type { PresetInfo, RunRecord, TrainingDefaults } from '../../../../electron/contract';
import { compactCount, duration, exactCount } from '../../format';
import { seriesColor } from '../../lib/highlight';
import { describeFrozen, type FreezeSettings } from '../../lib/layers';
import { runModel, startingRun } from '../../lib/run-info';
import { useWorkbench } from '../../store';
import { runWeights } from '../../lib/model-source';
import type { ParameterCounts } from '../../store/compare-slice';
import { completeConfig } from './ConfigDiffTable';

interface Props {
  runs: RunRecord[];
  presets: PresetInfo[];
  counts: Record<string, ParameterCounts | { error: string }>;
  defaults: TrainingDefaults | null;
}

export function ModelFacts({ runs, presets, counts, defaults }: Props) {
  const allRuns = useWorkbench((s) => s.runs);
  const facts = runs.map((run) => {
    const model = runModel(run);
    const preset = presets.find((p) => p.id === model);
    const training = completeConfig(run.config, defaults).training as FreezeSettings;
    const count = counts[run.id];
    return { run, preset, training, count: count && 'total' in count ? count : undefined };
  });
  return (
    <table className="table compare-table" data-testid="model-facts">
      <thead>
        <tr>
          <th scope="col">Run</th>
          <th scope="col">Model</th>
          <th scope="col">Weights</th>
          <th scope="col">Parameters</th>
          <th scope="col">Trainable</th>
          <th scope="col">Frozen</th>
          <th scope="col">Training time</th>
          <th scope="col">Backend</th>
        </tr>
      </thead>
      <tbody>
        {facts.map(({ run, preset, training, count }, i) => (
          <tr key={run.id}>
            <th scope="row">
              <span className="swatch" style={{ background: seriesColor(i) }} /> {run.name}
            </th>
            <td data-testid="model-cell">
              {modelLabel(run, Object.values(allRuns))}
              {preset && (
                <div className="hint">
                  {preset.layers} layers · {preset.hiddenSize} hidden · {preset.heads} heads
                </div>
              )}
            </td>
            <td data-testid="weights-cell">{runWeights(run)}</td>
            <td className="num" title={count ? exactCount(count.total) : undefined}>
              {count ? compactCount(count.total) : preset ? compactCount(preset.parameters) : '—'}
            </td>
            <td className="num" title={count ? exactCount(count.trainable) : undefined}>
              {count ? `${compactCount(count.trainable)} (${((100 * count.trainable) / Math.max(1, count.total)).toFixed(0)}%)` : '—'}
            </td>
            <td data-testid="frozen-cell">{preset ? describeFrozen(training, preset.layers) : '—'}</td>
            <td className="num">{run.train_seconds !== undefined ? duration(run.train_seconds) : '—'}</td>
            <td title={run.backend?.reason}>{run.backend?.name ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A fine-tune of a pre-training run names that run; anything else its preset or folder. */
function modelLabel(run: RunRecord, runs: RunRecord[]): string {
  const origin = startingRun(run, runs);
  return origin ? `pre-trained: run “${origin.name}”` : runModel(run);
}
