// A run's validation evaluation in full: the report (confusion matrix and per-class
// scores, per-entity report, SQuAD v2 split, the interval of the headline score) and the
// predictions viewer, for the latest evaluation or the best one (what
// load_best_model_at_end keeps). Clicking a matrix cell filters the viewer to its examples.
import { memo, useEffect, useRef, useState } from 'react';
import type { EvaluationKind, RunRecord } from '../../../../electron/contract';
import { metric } from '../../format';
import { NO_FILTER, type PredictionFilter } from '../../lib/predictions';
import { useWorkbench } from '../../store';
import { evaluationKey } from '../../store/evaluations-slice';
import { ErrorNote } from '../Feedback';
import { EvaluationReportView } from './EvaluationReportView';
import { PredictionsViewer } from './PredictionsViewer';

function keepsBest(run: RunRecord): boolean {
  return (run.config.training as { load_best_model_at_end?: unknown } | undefined)?.load_best_model_at_end === true;
}

function EvaluationPanelView({ run }: { run: RunRecord }) {
  const loadEvaluation = useWorkbench((s) => s.loadEvaluation);
  const last = useWorkbench((s) => s.evaluations[evaluationKey(run.id, 'last')]);
  const best = useWorkbench((s) => s.evaluations[evaluationKey(run.id, 'best')]);
  const [kind, setKind] = useState<EvaluationKind>(keepsBest(run) ? 'best' : 'last');
  const [filter, setFilter] = useState<PredictionFilter>(NO_FILTER);
  const viewer = useRef<HTMLDivElement>(null);
  useEffect(() => {
    void loadEvaluation(run.id, 'last');
    void loadEvaluation(run.id, 'best');
  }, [run.id, run.status, loadEvaluation]);

  const lastEval = last?.evaluation ?? undefined;
  const bestEval = best?.evaluation ?? undefined;
  const differ = lastEval && bestEval && lastEval.step !== bestEval.step;
  const shown = (kind === 'best' && bestEval) || lastEval || bestEval;
  if (!shown) {
    return (
      <>
        <ErrorNote message={last?.error} />
        <p className="empty note-box" data-testid="no-evaluation">
          {last?.status === 'loading' ? 'Loading the evaluation…' : 'No evaluation yet: the report and every validation prediction appear after the first evaluation.'}
        </p>
      </>
    );
  }
  const onCell = (gold: string, predicted: string) => {
    setFilter({ correctness: 'all', gold, predicted });
    viewer.current?.scrollIntoView({ block: 'start', behavior: 'smooth' });
  };
  const runBest = run.best_metric;
  return (
    <div data-testid="evaluation-panel">
      <div className="toolbar">
        <span className="hint" data-testid="evaluation-step">
          Evaluation at step {shown.step} (epoch {metric(shown.epoch)})
        </span>
        {differ && (
          <div className="segmented" role="group" aria-label="Which evaluation">
            <button type="button" aria-pressed={shown === lastEval} onClick={() => setKind('last')} data-testid="evaluation-last">
              latest (step {lastEval.step})
            </button>
            <button type="button" aria-pressed={shown === bestEval} onClick={() => setKind('best')} data-testid="evaluation-best">
              best (step {bestEval.step}
              {runBest ? `, ${runBest.name.replace(/^eval_/, '')} ${metric(runBest.value)}` : ''})
            </button>
          </div>
        )}
      </div>
      {shown.report && <EvaluationReportView report={shown.report} filter={filter} onCell={onCell} />}
      <div ref={viewer}>
        <h3>Validation predictions</h3>
        <PredictionsViewer predictions={shown.predictions} filter={filter} onFilter={setFilter} fileName={`${run.name.replace(/[^\w.-]+/g, '_')}-validation-step-${shown.step}`} />
      </div>
    </div>
  );
}

/** Re-rendered when what it shows can change, not on every live progress row of the run. */
export const EvaluationPanel = memo(
  EvaluationPanelView,
  (a, b) => a.run.id === b.run.id && a.run.status === b.run.status && a.run.name === b.run.name && a.run.best_metric?.step === b.run.best_metric?.step,
);
