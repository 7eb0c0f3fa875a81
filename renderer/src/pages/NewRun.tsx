// New run: task → data → model → training settings → review, then create and start.
import { useEffect, useMemo, useState } from 'react';
import type { RunConfigInput } from '../../../electron/contract';
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

/** The report of the draft's data; QA windows depend on max_seq_length and doc_stride, so QA asks with them. */
function useDraftReport() {
  const draft = useWorkbench((s) => s.draft);
  const inspectDataset = useWorkbench((s) => s.inspectDataset);
  const request = useMemo((): InspectRequest | null => {
    if (!draft?.data) return null;
    const r: InspectRequest = { task: draft.task, train: draft.data.train };
    if (draft.data.validation) r.validation = draft.data.validation;
    if (draft.task === 'qa') Object.assign(r, { maxSeqLength: draft.training.max_seq_length, docStride: draft.training.doc_stride });
    return r;
  }, [draft?.task, draft?.data, draft?.training.max_seq_length, draft?.training.doc_stride]);
  const key = request ? reportKey(request) : '';
  useEffect(() => {
    if (!request) return;
    const timer = setTimeout(() => void inspectDataset(request), 300);
    return () => clearTimeout(timer);
  }, [key]); // keyed by the request's content, not its identity
  return useWorkbench((s) => (key ? s.reports[key] : undefined));
}

function usePreviews(config: RunConfigInput | null, numExamples: number | undefined) {
  const refreshPreviews = useWorkbench((s) => s.refreshPreviews);
  const key = config ? JSON.stringify(config) : '';
  useEffect(() => {
    if (!config || numExamples === undefined) return;
    const timer = setTimeout(() => void refreshPreviews(numExamples), 300);
    return () => clearTimeout(timer);
  }, [key, numExamples]); // keyed by the config's content
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
  const report = useDraftReport();
  const config = draft && defaults ? draftToConfig(draft, defaults) : null;
  const numExamples = report?.status === 'ready' && report.report ? trainingExamples(report.report.stats.train as Parameters<typeof trainingExamples>[0]) : undefined;
  usePreviews(config, numExamples);

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
    const run = await submitDraft();
    if (run) navigate({ page: 'run', id: run.id });
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
            <button type="button" className="primary" onClick={() => void create()} disabled={creating || !draft.data || !!dataInvalid} data-testid="create-run">
              {creating ? 'Starting…' : 'Create and start'}
            </button>
          )}
          {step === last && !draft.data && <span className="hint">Choose the training data first (step 2).</span>}
          {dataInvalid && <span className="warn-text">The data has errors: see them on the Datasets page.</span>}
        </div>
      </section>
    </div>
  );
}
