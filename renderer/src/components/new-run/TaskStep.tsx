import { RUN_TASKS } from '../../../../electron/contract';
import { TASK_HINTS, TASK_LABELS } from '../../tasks';
import { useWorkbench } from '../../store';

export function TaskStep() {
  const task = useWorkbench((s) => s.draft?.task);
  const setDraftTask = useWorkbench((s) => s.setDraftTask);
  return (
    <fieldset className="choice-grid">
      <legend>What should the model learn?</legend>
      {RUN_TASKS.map((t) => (
        <label key={t} className={task === t ? 'choice choice-on' : 'choice'} data-testid={`task-${t}`}>
          <input type="radio" name="task" value={t} checked={task === t} onChange={() => setDraftTask(t)} />
          <strong>{TASK_LABELS[t]}</strong>
          <span className="hint">{TASK_HINTS[t]}</span>
        </label>
      ))}
    </fieldset>
  );
}
