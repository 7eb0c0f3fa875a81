// Choosing a finished run for a page that needs its model (Playground, Export); the
// choice goes into the address, so a reload keeps it.
import type { RunRecord } from '../../../electron/contract';
import { runModel, runTask } from '../lib/run-info';
import { useWorkbench } from '../store';

export function FinishedRunPicker({ label, page, id, finished, testId }: { label: string; page: 'playground' | 'export'; id: string | undefined; finished: RunRecord[]; testId: string }) {
  const navigate = useWorkbench((s) => s.navigate);
  return (
    <label className="inline-field">
      {label}{' '}
      <select value={id ?? ''} onChange={(e) => navigate({ page, ...(e.target.value ? { id: e.target.value } : {}) }, { replace: true })} data-testid={testId}>
        <option value="">choose a finished run…</option>
        {finished.map((r) => (
          <option key={r.id} value={r.id}>
            {r.name} — {runTask(r)}, {runModel(r)}
          </option>
        ))}
      </select>
    </label>
  );
}
