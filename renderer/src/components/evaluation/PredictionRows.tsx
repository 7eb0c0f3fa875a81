// One validation (or test) example as the viewer lists it: gold against predicted, by task.
import type { ClassificationPredictionRow, EvaluationPredictionRow, NerPredictionRow, QaPredictionRow } from '../../../../electron/contract';
import { metric, percent } from '../../format';
import { TaggedWords } from '../data/EntityText';

function Verdict({ correct }: { correct: boolean | undefined }) {
  if (correct === undefined) return <span className="verdict">—</span>;
  return <span className={correct ? 'verdict verdict-right' : 'verdict verdict-wrong'}>{correct ? 'right' : 'wrong'}</span>;
}

function ClassificationRow({ row }: { row: ClassificationPredictionRow }) {
  return (
    <tr data-testid="prediction-row" data-correct={row.correct}>
      <td className="num">{row.index + 1}</td>
      <td className="wrap-text">
        {row.text ?? <span className="hint">(pre-tokenized: no text)</span>}
        {row.text_pair !== undefined && <div className="hint">{row.text_pair}</div>}
      </td>
      <td>{row.gold ?? '—'}</td>
      <td>
        <strong>{row.predicted}</strong> <span className="hint">{percent(row.confidence)}</span>
      </td>
      <td>
        <Verdict correct={row.correct} />
      </td>
    </tr>
  );
}

function NerRow({ row, types }: { row: NerPredictionRow; types: readonly string[] }) {
  const tokens = row.tokens ?? row.gold.map((_, i) => `#${i + 1}`);
  return (
    <tr data-testid="prediction-row" data-correct={row.correct}>
      <td className="num">{row.index + 1}</td>
      <td className="wrap-text">
        <div>
          <span className="row-label">gold</span> <TaggedWords tokens={tokens} tags={row.gold} types={types} />
        </div>
        <div>
          <span className="row-label">predicted</span> <TaggedWords tokens={tokens} tags={row.predicted} types={types} />
        </div>
      </td>
      <td>
        <Verdict correct={row.correct} />
      </td>
    </tr>
  );
}

function QaRow({ row }: { row: QaPredictionRow }) {
  return (
    <tr data-testid="prediction-row" data-correct={row.correct}>
      <td className="num">{row.index + 1}</td>
      <td className="wrap-text">
        <strong>{row.question}</strong>
        <details>
          <summary className="hint">context</summary>
          <p className="context">{row.context}</p>
        </details>
      </td>
      <td className="wrap-text">{row.answers.length ? row.answers.map((a, i) => <div key={i}>“{a}”</div>) : <em>no answer</em>}</td>
      <td className="wrap-text">
        {row.predicted ? `“${row.predicted}”` : <em>no answer</em>}
        {row.no_answer_score !== undefined && <div className="hint">no-answer score {metric(row.no_answer_score)}</div>}
      </td>
      <td className="num">
        EM {row.exact} · F1 {metric(row.f1)}
      </td>
      <td>
        <Verdict correct={row.correct} />
      </td>
    </tr>
  );
}

export function PredictionHeader({ sample }: { sample: EvaluationPredictionRow }) {
  const cells = 'question' in sample ? ['#', 'Question', 'Gold', 'Predicted', 'Score', ''] : 'gold_entities' in sample ? ['#', 'Entities', ''] : ['#', 'Text', 'Gold', 'Predicted', ''];
  return (
    <thead>
      <tr>
        {cells.map((cell, i) => (
          <th scope="col" key={i}>
            {cell}
          </th>
        ))}
      </tr>
    </thead>
  );
}

export function PredictionRow({ row, entityTypes }: { row: EvaluationPredictionRow; entityTypes: readonly string[] }) {
  if ('question' in row) return <QaRow row={row} />;
  if ('gold_entities' in row) return <NerRow row={row} types={entityTypes} />;
  return <ClassificationRow row={row} />;
}
