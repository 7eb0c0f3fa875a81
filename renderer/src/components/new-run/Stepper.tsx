// The New run steps as a row of buttons: any step can be revisited, the current one is marked.
export function Stepper({ steps, current, onStep, done }: { steps: readonly string[]; current: number; onStep: (i: number) => void; done: (i: number) => boolean }) {
  return (
    <ol className="stepper" aria-label="Steps">
      {steps.map((label, i) => (
        <li key={label}>
          <button
            type="button"
            onClick={() => onStep(i)}
            aria-current={i === current ? 'step' : undefined}
            className={i === current ? 'step step-current' : done(i) ? 'step step-done' : 'step'}
            data-testid={`step-${label.toLowerCase().replace(/\s+/g, '-')}`}
          >
            <span className="step-number">{done(i) && i !== current ? '✓' : i + 1}</span>
            {label}
          </button>
        </li>
      ))}
    </ol>
  );
}
