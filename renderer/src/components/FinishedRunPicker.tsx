// Choosing a finished run whose model a page needs: a select of the finished runs, and
// for Playground and Export the same select with the choice in the address, so that a
// reload keeps it.
import type { RunRecord } from '../../../electron/contract';
import { runModel, runTask } from '../lib/run-info';
import { useWorkbench } from '../store';

export function FinishedRunSelect({ label, value, onChange, finished, testId }: { label: string; value: string; onChange: (id: string) => void; finished: RunRecord[]; testId: string }) {
  return (
    <label className="inline-field">
      {label}{' '}
      <select value={value} onChange={(e) => onChange(e.target.value)} data-testid={testId}>
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

export function FinishedRunPicker({ label, page, id, finished, testId }: { label: string; page: 'playground' | 'export'; id: string | undefined; finished: RunRecord[]; testId: string }) {
  const navigate = useWorkbench((s) => s.navigate);
  return <FinishedRunSelect label={label} value={id ?? ''} onChange={(value) => navigate({ page, ...(value ? { id: value } : {}) }, { replace: true })} finished={finished} testId={testId} />;
}
