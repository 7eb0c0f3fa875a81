import type { RunRecord } from '../../../../electron/contract';
import { seriesColor } from '../../lib/highlight';
import { byCreated, runModel, runTask } from '../../lib/run-info';
import { StatusPill } from '../StatusPill';

export function RunPicker({ runs, picked, onChange }: { runs: RunRecord[]; picked: string[]; onChange: (ids: string[]) => void }) {
  const list = [...runs].sort(byCreated);
  return (
    <ul className="run-picker" data-testid="run-picker">
      {list.map((run) => {
        const i = picked.indexOf(run.id);
        return (
          <li key={run.id}>
            <label>
              <input
                type="checkbox"
                checked={i >= 0}
                onChange={() => onChange(i >= 0 ? picked.filter((x) => x !== run.id) : [...picked, run.id])}
                data-testid={`compare-pick-${run.id}`}
              />
              <span className="swatch" style={{ background: i >= 0 ? seriesColor(i) : 'transparent' }} />
              <span className="picker-name">{run.name}</span>
              <span className="hint">
                {runTask(run)} · {runModel(run)}
              </span>
              <StatusPill status={run.status} />
            </label>
          </li>
        );
      })}
    </ul>
  );
}
