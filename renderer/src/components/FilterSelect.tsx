// A labelled filter: one value from a list, or none ("all" / "any").
export function FilterSelect({ label, value, options, onChange, none, testId }: { label: string; value: string | undefined; options: readonly string[]; onChange: (value: string | undefined) => void; none: string; testId: string }) {
  return (
    <label className="inline-field">
      {label}{' '}
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value || undefined)} data-testid={testId}>
        <option value="">{none}</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {o}
          </option>
        ))}
      </select>
    </label>
  );
}
