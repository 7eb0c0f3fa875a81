// New run: task → data → model → training settings → review, then create and start.
import { useEffect, useMemo, useState } from 'react';
import type { HistogramBin, RunConfigInput } from '../../../electron/contract';
import { EmptyState, ErrorNote, Loading } from '../components/Feedback';
import { DataStep } from '../components/new-run/DataStep';
import { ModelStep } from '../components/new-run/ModelStep';
import { ReviewStep } from '../components/new-run/ReviewStep';
import { StartFrom } from '../components/new-run/StartFrom';
import { Stepper } from '../components/new-run/Stepper';
import { TaskStep } from '../components/new-run/TaskStep';
import { TrainingStep } from '../components/new-run/TrainingStep';
import { draftToConfig, trainingExamples } from '../lib/run-config';
import { useWorkbench } from '../store';
import { reportKey, type InspectRequest } from '../store/datasets-slice';
import { WIZARD_STEPS } from '../store/new-run-slice';
import { useModelReady, type ModelReadiness } from '../components/new-run/model/useModelReady';

/** The report of the draft's data; QA windows depend on max_seq_length and doc_stride, so QA asks with them. */
function useDraftReport(modelReady: ModelReadiness) {
  const draft = useWorkbench((s) => s.draft);
  const inspectDataset = useWorkbench((s) => s.inspectDataset);
  const request = useMemo((): InspectRequest | null => {
    if (!draft?.data) return null;
    const r: InspectRequest = { task: draft.task, train: draft.data.train };
    if (draft.data.validation) r.validation = draft.data.validation;
    if (draft.data.columns) r.columns = draft.data.columns;
    if (draft.data.label_names) r.labelNames = draft.data.label_names;
    if (draft.task === 'qa') Object.assign(r, { maxSeqLength: draft.training.max_seq_length, docStride: draft.training.doc_stride });
    // Token counts are the model's own tokenizer's once it is on this machine.
    if (modelReady.ready && !('preset' in draft.model)) r.model = draft.model as unknown as Record<string, unknown>;
    return r;
  }, [draft?.task, draft?.data, draft?.training.max_seq_length, draft?.training.doc_stride, draft?.model, modelReady.ready]);
  const key = request ? reportKey(request) : '';
  useEffect(() => {
    if (!request) return;
    const timer = setTimeout(() => void inspectDataset(request), 300);
    return () => clearTimeout(timer);
  }, [key]); // keyed by the request's content, not its identity
  return useWorkbench((s) => (key ? s.reports[key] : undefined));
}

function usePreviews(config: RunConfigInput | null, numExamples: number | undefined, lengthHistogram: HistogramBin[] | undefined) {
  const refreshPreviews = useWorkbench((s) => s.refreshPreviews);
  const key = config ? JSON.stringify(config) : '';
  useEffect(() => {
    if (!config || numExamples === undefined) return;
    const timer = setTimeout(() => void refreshPreviews(numExamples, lengthHistogram), 300);
    return () => clearTimeout(timer);
  }, [key, numExamples, lengthHistogram]); // keyed by the config's content
}

export function NewRun() {
  const draft = useWorkbench((s) => s.draft);
  const defaults = useWorkbench((s) => s.trainingDefaults);
  const defaultsError = useWorkbench((s) => s.defaultsError);
  const step = useWorkbench((s) => s.wizardStep);
  const setWizardStep = useWorkbench((s) => s.setWizardStep);
  const loadTrainingDefaults = useWorkbench((s) => s.loadTrainingDefaults);
  const submitDraft = useWorkbench((s) => s.submitDraft);
  const creating = useWorkbench((s) => s.creating);
  const createError = useWorkbench((s) => s.createError);
  const navigate = useWorkbench((s) => s.navigate);
  const [tried, setTried] = useState(false);
  const modelReady = useModelReady(draft);
  const report = useDraftReport(modelReady);
  const config = draft && defaults ? draftToConfig(draft, defaults) : null;
  const numExamples = report?.status === 'ready' && report.report ? trainingExamples(report.report.stats.train as Parameters<typeof trainingExamples>[0]) : undefined;
  const trainStats = report?.status === 'ready' ? (report.report?.stats.train as { lengths?: { histogram: HistogramBin[] } } | undefined) : undefined;
  usePreviews(config, numExamples, trainStats?.lengths?.histogram);

  useEffect(() => {
    if (!defaults && !tried) {
      setTried(true);
      void loadTrainingDefaults();
    }
  }, [defaults, tried, loadTrainingDefaults]);

  if (defaultsError && !defaults) {
    return (
      <div className="page">
        <ErrorNote message={defaultsError} />
        <EmptyState title="The form needs the training defaults from the service">
          <button type="button" onClick={() => void loadTrainingDefaults()}>
            Try again
          </button>
        </EmptyState>
      </div>
    );
  }
  if (!draft || !defaults || !config) return <Loading what="Loading the training defaults" />;

  const done = (i: number) => (i === 1 ? !!draft.data : i === 2 ? !!draft.model : i < 1 || i === 3);
  const dataInvalid = report?.status === 'ready' && report.report && !report.report.valid;
  const create = async () => {
    const created = await submitDraft();
    if (created?.baseline) navigate({ page: 'compare', ids: [created.run.id, created.baseline.id], baseline: created.baseline.id });
    else if (created) navigate({ page: 'run', id: created.run.id });
  };
  const last = WIZARD_STEPS.length - 1;
  return (
    <div className="page">
      <section className="panel" aria-labelledby="new-run-heading">
        <h2 id="new-run-heading">New run</h2>
        <Stepper steps={WIZARD_STEPS} current={step} onStep={setWizardStep} done={done} />
        <StartFrom />
        {step === 0 && <TaskStep />}
        {step === 1 && <DataStep report={report} />}
        {step === 2 && <ModelStep />}
        {step === 3 && <TrainingStep />}
        {step === 4 && <ReviewStep config={config} />}
        <ErrorNote message={createError} testId="create-error" />
        <div className="wizard-nav">
          <button type="button" onClick={() => setWizardStep(step - 1)} disabled={step === 0}>
            Back
          </button>
          {step < last ? (
            <button type="button" className="primary" onClick={() => setWizardStep(step + 1)} disabled={step === 1 && !draft.data} data-testid="wizard-next">
              Next: {WIZARD_STEPS[step + 1]}
            </button>
          ) : (
            <button type="button" className="primary" onClick={() => void create()} disabled={creating || !draft.data || !!dataInvalid || !modelReady.ready} data-testid="create-run">
              {creating ? 'Starting…' : 'Create and start'}
            </button>
          )}
          {step === last && !draft.data && <span className="hint">Choose the training data first (step 2).</span>}
          {dataInvalid && <span className="warn-text">The data has errors: see them on the Datasets page.</span>}
          {!modelReady.ready && modelReady.why && (
            <span className="hint" data-testid="model-not-ready">
              {modelReady.why}
            </span>
          )}
        </div>
      </section>
    </div>
  );
}
