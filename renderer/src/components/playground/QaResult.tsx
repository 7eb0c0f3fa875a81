import type { QaPrediction } from '../../../../electron/contract';
import { metric } from '../../format';
import { AnswerInContext } from '../data/AnswerInContext';

export function QaResult({ prediction, context }: { prediction: QaPrediction; context: string }) {
  return (
    <div data-testid="qa-result">
      {prediction.answer ? (
        <p>
          Answer: <strong data-testid="qa-answer">{prediction.answer.text}</strong> <span className="hint">(score {metric(prediction.answer.score)})</span>
        </p>
      ) : (
        <p data-testid="qa-no-answer">
          <strong>No answer:</strong> the model says the context does not answer the question.
        </p>
      )}
      <p className="hint">No-answer score (start + end logit of [CLS]): {metric(prediction.null_score)}</p>
      <AnswerInContext context={context} answer={prediction.answer} testId="qa-context" />
      {prediction.n_best.length > 0 && (
        <>
          <h4>Best candidates</h4>
          <ol className="nbest" data-testid="qa-nbest">
            {prediction.n_best.map((c, i) => (
              <li key={i}>
                “{c.text}” <span className="hint">score {metric(c.score)}</span>
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
