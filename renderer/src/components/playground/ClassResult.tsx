import type { ClassPrediction } from '../../../../electron/contract';
import { percent } from '../../format';

export function ClassResult({ prediction }: { prediction: ClassPrediction }) {
  return (
    <div data-testid="class-result">
      <p>
        Predicted label: <strong data-testid="predicted-label">{prediction.label}</strong>
      </p>
      <ul className="prob-bars">
        {prediction.probabilities.map((p) => (
          <li key={p.label} className={p.label === prediction.label ? 'prob-top' : undefined} data-testid="prob-bar">
            <span className="prob-label">{p.label}</span>
            <span className="prob-track">
              <span className="prob-fill" style={{ width: percent(p.probability, 1) }} />
            </span>
            <span className="prob-value">{percent(p.probability, 1)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
