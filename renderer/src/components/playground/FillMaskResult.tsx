// Fill-mask: for each [MASK] of the input, the tokens the model ranks highest, with
// their probabilities and the sentence each would make.
import type { FillMaskPrediction } from '../../../../electron/contract';
import { percent } from '../../format';

/** Over a 30k vocabulary most probabilities are far below 1%: two significant digits keep them apart. */
function probability(p: number): string {
  return p >= 0.01 ? percent(p, 1) : `${(p * 100).toPrecision(2)}%`;
}

export function FillMaskResult({ prediction }: { prediction: FillMaskPrediction }) {
  return (
    <div data-testid="fill-mask-result">
      {prediction.masks.map((mask, m) => (
        <div key={mask.position}>
          <p>
            {prediction.masks.length > 1 ? `[MASK] ${m + 1}: ` : ''}most likely <strong data-testid="top-token">{mask.candidates[0]?.token}</strong>
          </p>
          <ol className="prob-bars" data-testid="mask-candidates">
            {mask.candidates.map((c, k) => (
              <li key={c.token_id} className={k === 0 ? 'prob-top' : undefined} data-testid="candidate" title={c.sequence}>
                <span className="prob-label">{c.token}</span>
                <span className="prob-track">
                  <span className="prob-fill" style={{ width: percent(c.probability, 1) }} />
                </span>
                <span className="prob-value">{probability(c.probability)}</span>
              </li>
            ))}
          </ol>
        </div>
      ))}
      {prediction.is_next && (
        <p className="hint" data-testid="is-next">
          The second text follows the first with probability {percent(prediction.is_next.probability, 1)} (next-sentence head).
        </p>
      )}
    </div>
  );
}
