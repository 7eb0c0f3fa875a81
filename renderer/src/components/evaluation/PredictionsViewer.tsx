// Every example with its gold and predicted answer, wrong ones first, filtered by right or
// wrong, gold and predicted class (a confusion-matrix cell sets both) and text; shown a
// page at a time, downloadable whole as CSV or JSON lines.
import { useState } from 'react';
import { predictionsCsv, predictionsJsonl, type EvaluationPredictionRow } from '../../../../electron/contract';
import { exactCount } from '../../format';
import { downloadText } from '../../lib/download';
import { countWrong, filterPredictions, filterValues, NO_FILTER, type Correctness, type PredictionFilter } from '../../lib/predictions';
import { FilterSelect } from '../FilterSelect';
import { PredictionHeader, PredictionRow } from './PredictionRows';

const PAGE = 50;

export function PredictionsViewer({ predictions, filter, onFilter, fileName }: { predictions: EvaluationPredictionRow[]; filter: PredictionFilter; onFilter: (filter: PredictionFilter) => void; fileName: string }) {
  const [shown, setShown] = useState(PAGE);
  const rows = filterPredictions(predictions, filter);
  const values = filterValues(predictions);
  const wrong = countWrong(predictions);
  const sample = predictions[0];
  const entityTypes = sample && 'gold_entities' in sample ? [...new Set([...values.gold, ...values.predicted])].sort() : [];
  const labelled = predictions.some((row) => row.correct !== undefined);
  const change = (next: Partial<PredictionFilter>) => {
    setShown(PAGE);
    onFilter({ ...filter, ...next });
  };
  const select = (key: 'gold' | 'predicted', options: string[]) => (
    <FilterSelect label={key} value={filter[key]} options={options} onChange={(value) => change({ [key]: value })} none="any" testId={`filter-${key}`} />
  );
  return (
    <div className="predictions" data-testid="predictions-viewer">
      <div className="toolbar">
        {labelled && (
          <div className="segmented" role="group" aria-label="Which examples">
            {(['all', 'wrong', 'right'] as Correctness[]).map((c) => (
              <button key={c} type="button" aria-pressed={filter.correctness === c} onClick={() => change({ correctness: c })} data-testid={`show-${c}`}>
                {c === 'all' ? `all ${exactCount(predictions.length)}` : c === 'wrong' ? `wrong ${exactCount(wrong)}` : `right ${exactCount(predictions.length - wrong)}`}
              </button>
            ))}
          </div>
        )}
        {labelled && select('gold', values.gold)}
        {select('predicted', values.predicted)}
        <input type="search" placeholder="search the text" value={filter.text ?? ''} onChange={(e) => change({ text: e.target.value || undefined })} aria-label="Search the examples" data-testid="filter-text" />
        {filter !== NO_FILTER && (filter.gold || filter.predicted || filter.text || filter.correctness !== 'all') && (
          <button type="button" className="linkish" onClick={() => change(NO_FILTER)} data-testid="clear-filter">
            clear filters
          </button>
        )}
        <span className="actions push-right">
          <button type="button" onClick={() => downloadText(`${fileName}.csv`, predictionsCsv(predictions), 'text/csv')} data-testid="download-csv">
            Download CSV
          </button>
          <button type="button" onClick={() => downloadText(`${fileName}.jsonl`, predictionsJsonl(predictions), 'application/jsonl')} data-testid="download-jsonl">
            Download JSONL
          </button>
        </span>
      </div>
      <p className="hint" data-testid="predictions-count">
        {exactCount(rows.length)} of {exactCount(predictions.length)} examples{labelled ? ', wrong ones first' : ''}
      </p>
      {rows.length > 0 && sample && (
        <div className="table-scroll">
          <table className="table predictions-table">
            <PredictionHeader sample={sample} />
            <tbody>
              {rows.slice(0, shown).map((row) => (
                <PredictionRow key={row.index} row={row} entityTypes={entityTypes} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {rows.length > shown && (
        <button type="button" onClick={() => setShown(shown + PAGE)} data-testid="show-more">
          Show {Math.min(PAGE, rows.length - shown)} more
        </button>
      )}
    </div>
  );
}
