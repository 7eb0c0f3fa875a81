import type { NerPrediction } from '../../../../electron/contract';
import { percent } from '../../format';
import { EntityLegend, EntityMarkedText } from '../data/EntityText';

export function NerResult({ prediction, text }: { prediction: NerPrediction; text: string }) {
  const allTypes = [...new Set(prediction.entities.map((e) => e.type))].sort();
  return (
    <div data-testid="ner-result">
      <EntityLegend types={allTypes} />
      <EntityMarkedText text={text} entities={prediction.entities} types={allTypes} />
      {prediction.entities.length === 0 ? (
        <p className="hint" data-testid="no-entities">
          The model found no entities in this text.
        </p>
      ) : (
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Entity</th>
              <th scope="col">Type</th>
              <th scope="col">Confidence</th>
            </tr>
          </thead>
          <tbody>
            {prediction.entities.map((e, i) => (
              <tr key={i}>
                <td>{e.text}</td>
                <td>{e.type}</td>
                <td className="num">{percent(e.confidence, 1)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
