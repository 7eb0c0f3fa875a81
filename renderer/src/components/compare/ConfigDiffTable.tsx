// Only the settings that differ between the runs (defaults filled in), baseline first.
import type { RunRecord, RunTask, TrainingDefaults } from '../../../../electron/contract';
import { configDiff, formatConfigValue, withTrainingDefaults } from '../../lib/config-diff';
import { taskDefaults } from '../../lib/run-config';
import { seriesColor } from '../../lib/highlight';

/** A run's config with its task's training defaults filled in (runs from the CLI may leave them out). */
export function completeConfig(config: Record<string, unknown>, defaults: TrainingDefaults | null): Record<string, unknown> {
  if (!defaults) return config;
  return withTrainingDefaults(config, taskDefaults(defaults, (config.task as RunTask) ?? 'classification') as unknown as Record<string, unknown>);
}

export function ConfigDiffTable({ runs, baseline, defaults }: { runs: RunRecord[]; baseline: number; defaults: TrainingDefaults | null }) {
  const rows = configDiff(runs.map((r) => completeConfig(r.config, defaults)));
  if (rows.length === 0) return <p className="empty" data-testid="config-same">The runs have the same settings.</p>;
  return (
    <table className="table compare-table" data-testid="config-diff">
      <thead>
        <tr>
          <th scope="col">Setting</th>
          {runs.map((run, i) => (
            <th scope="col" key={run.id}>
              <span className="swatch" style={{ background: seriesColor(i) }} /> {run.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => {
          const base = formatConfigValue(row.values[baseline]);
          return (
            <tr key={row.key} data-testid={`diff-${row.key}`}>
              <th scope="row">
                <code>{row.key}</code>
              </th>
              {row.values.map((v, i) => {
                const text = formatConfigValue(v);
                return (
                  <td key={runs[i]!.id} className={i !== baseline && text !== base ? 'changed' : undefined}>
                    {text}
                  </td>
                );
              })}
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
