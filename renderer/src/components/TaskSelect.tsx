import type { TaskKind } from '../../../electron/contract';
import { RUN_TASKS } from '../../../electron/contract';
import { TASK_LABELS } from '../tasks';

export function TaskSelect({ value, onChange, label, testId }: { value: TaskKind; onChange: (task: TaskKind) => void; label: string; testId?: string }) {
  return (
    <label className="inline-field">
      {label}{' '}
      <select value={value} onChange={(e) => onChange(e.target.value as TaskKind)} data-testid={testId}>
        {RUN_TASKS.map((t) => (
          <option key={t} value={t}>
            {TASK_LABELS[t]}
          </option>
        ))}
      </select>
    </label>
  );
}
