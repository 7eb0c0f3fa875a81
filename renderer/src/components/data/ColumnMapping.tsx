// Which columns hold what: the text, the optional second text and the label (or, for NER
// JSON lines, the tokens and the tags). Starts from the service's guess; each choice is
// sent back as data.columns, and the preview and statistics follow.
import type { ColumnRole, DataColumns, DatasetReport } from '../../../../electron/contract';

interface RoleField {
  role: ColumnRole;
  label: string;
  /** May be "none" (no second text). */
  optional?: boolean;
}

const ROLES: Partial<Record<DatasetReport['task'], RoleField[]>> = {
  classification: [
    { role: 'text', label: 'Text' },
    { role: 'text_pair', label: 'Second text (sentence pairs)', optional: true },
    { role: 'label', label: 'Label' },
  ],
  ner: [
    { role: 'tokens', label: 'Tokens (words)' },
    { role: 'tags', label: 'Tags' },
  ],
};

export function ColumnMapping({ report, given, onChange }: { report: DatasetReport; given: DataColumns | undefined; onChange: (columns: DataColumns) => void }) {
  const columns = report.columns;
  const roles = ROLES[report.task];
  if (!columns || !roles) return null;
  const choose = (role: ColumnRole, optional: boolean, value: string) => {
    const next: DataColumns = { ...(given ?? {}) };
    if (value !== '') next[role] = value;
    else if (optional) next.text_pair = null;
    else delete next[role];
    onChange(next);
  };
  return (
    <fieldset className="column-mapping" data-testid="column-mapping">
      <legend>Columns</legend>
      {roles.map(({ role, label, optional = false }) => {
        const stated = given?.[role];
        const current = stated !== undefined ? stated : columns.chosen[role];
        const guessed = stated === undefined && typeof columns.chosen[role] === 'string';
        return (
          <label key={role} className="setting">
            <span>
              {label} {guessed && <span className="tag">guessed</span>}
            </span>
            <select value={current ?? ''} onChange={(e) => choose(role, optional, e.target.value)} data-testid={`column-${role}`}>
              <option value="">{optional ? 'none' : '— choose a column —'}</option>
              {columns.available.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
          </label>
        );
      })}
      <p className="hint column-hint">The file has {columns.available.length} columns: {columns.available.join(', ')}.</p>
    </fieldset>
  );
}
