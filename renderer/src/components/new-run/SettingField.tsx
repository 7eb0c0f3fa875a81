// One training setting under its Transformers name, with the core's hint and the default
// shown when changed. Text fields keep what is typed until it parses.
import { useEffect, useState } from 'react';
import type { TrainingSettings } from '../../../../electron/contract';
import { fieldChoices, formatFieldValue, parseFieldInput, SETTING_FIELDS } from '../../lib/settings-fields';
import { sameValue, taskDefaults } from '../../lib/run-config';
import { useWorkbench } from '../../store';

export function SettingField({ name }: { name: keyof TrainingSettings }) {
  const value = useWorkbench((s) => s.draft?.training[name]);
  const fallback = useWorkbench((s) => (s.trainingDefaults ? taskDefaults(s.trainingDefaults, s.draft?.task ?? 'classification')[name] : undefined));
  const hint = useWorkbench((s) => s.trainingDefaults?.hints[name]);
  const task = useWorkbench((s) => s.draft?.task ?? 'classification');
  const setTrainingSetting = useWorkbench((s) => s.setTrainingSetting);
  const spec = SETTING_FIELDS[name];
  const [text, setText] = useState(formatFieldValue(value));
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    // The value changed elsewhere (layer diagram, reset): show it unless the text already means it.
    const parsed = parseFieldInput(spec.kind, text);
    if (!parsed.ok || !sameValue(parsed.value, value)) {
      setText(formatFieldValue(value));
      setError(null);
    }
  }, [value]);
  const set = (next: string) => {
    setText(next);
    const parsed = parseFieldInput(spec.kind, next);
    if (parsed.ok) {
      setError(null);
      setTrainingSetting(name, parsed.value as TrainingSettings[typeof name]);
    } else setError(parsed.error);
  };
  const id = `setting-${name}`;
  const changed = fallback !== undefined && !sameValue(value, fallback);
  let control;
  switch (spec.kind) {
    case 'boolean':
      control = <input id={id} type="checkbox" checked={value === true} onChange={(e) => set(String(e.target.checked))} data-testid={id} />;
      break;
    case 'optional-boolean':
      control = (
        <select id={id} value={value === null || value === undefined ? '' : String(value)} onChange={(e) => set(e.target.value)} data-testid={id}>
          <option value="">from the metric</option>
          <option value="true">true</option>
          <option value="false">false</option>
        </select>
      );
      break;
    case 'choice':
      control = (
        <select id={id} value={String(value)} onChange={(e) => set(e.target.value)} data-testid={id}>
          {fieldChoices(spec, task, value).map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      );
      break;
    default:
      control = (
        <input
          id={id}
          type="text"
          inputMode={spec.kind === 'text' ? 'text' : 'decimal'}
          value={text}
          onChange={(e) => set(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={`${id}-hint`}
          placeholder={spec.kind === 'optional-number' ? 'keep the model’s' : undefined}
          data-testid={id}
        />
      );
  }
  return (
    <div className={changed ? 'setting setting-changed' : 'setting'}>
      <label htmlFor={id}>
        <code>{name}</code>
        {changed && <span className="hint"> (default {formatFieldValue(fallback) || 'none'})</span>}
      </label>
      {control}
      {error && (
        <span className="field-error" role="alert">
          {error}
        </span>
      )}
      <span className="hint" id={`${id}-hint`}>
        {hint}
      </span>
    </div>
  );
}
