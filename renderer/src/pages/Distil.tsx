// "Distil this run": a finished run (the teacher) teaches a smaller model (the student) on
// the teacher's own data: alpha · CE(labels) + (1 − alpha) · T² · KL(teacher ‖ student).
// The student is a pretrained catalogue checkpoint (downloaded on first use, as for any
// run), a preset, another finished run's model or a checkpoint folder; the training
// settings are the teacher's unless changed here.
import { useEffect, useState } from 'react';
import type { DistilStudent, RunRecord } from '../../../electron/contract';
import { ErrorNote, Loading } from '../components/Feedback';
import { FinishedRunSelect } from '../components/FinishedRunPicker';
import { Link } from '../components/Link';
import { compactCount, exactCount, metric } from '../format';
import { canTeach, comparedMetric } from '../lib/distillation';
import { byCreated, runModel, runTask } from '../lib/run-info';
import { useWorkbench } from '../store';

type StudentKind = 'catalogue' | 'preset' | 'run' | 'checkpoint';

function useTeacher(id: string): RunRecord | undefined {
  const run = useWorkbench((s) => s.runs[id]);
  const loadRun = useWorkbench((s) => s.loadRun);
  const loadRuns = useWorkbench((s) => s.loadRuns);
  const runsLoaded = useWorkbench((s) => s.runsLoaded);
  useEffect(() => {
    void loadRun(id);
    if (!runsLoaded) void loadRuns();
  }, [id, loadRun, loadRuns, runsLoaded]);
  return run;
}

function NumberSetting({ name, label, value, onChange, hint, step }: { name: string; label: string; value: string; onChange: (v: string) => void; hint: string | undefined; step?: string }) {
  return (
    <label className="setting">
      <span>{label}</span>
      <input type="number" value={value} step={step ?? 'any'} onChange={(e) => onChange(e.target.value)} data-testid={`distil-${name}`} />
      {hint && <span className="hint">{hint}</span>}
    </label>
  );
}

export function Distil({ id }: { id: string }) {
  const teacher = useTeacher(id);
  const runError = useWorkbench((s) => s.runErrors[id]);
  const presets = useWorkbench((s) => s.presets);
  const catalogue = useWorkbench((s) => s.catalogue);
  const loadModels = useWorkbench((s) => s.loadModels);
  const modelsError = useWorkbench((s) => s.modelsError);
  const allRuns = useWorkbench((s) => s.runs);
  const defaults = useWorkbench((s) => s.trainingDefaults);
  const counts = useWorkbench((s) => s.parameterCounts);
  const loadParameterCounts = useWorkbench((s) => s.loadParameterCounts);
  const distilRun = useWorkbench((s) => s.distilRun);
  const importUnlabelled = useWorkbench((s) => s.importUnlabelled);
  const distilling = useWorkbench((s) => s.distilling);
  const distilError = useWorkbench((s) => s.distilError);
  const navigate = useWorkbench((s) => s.navigate);

  const [kind, setKind] = useState<StudentKind>('catalogue');
  const [hubId, setHubId] = useState('');
  const [preset, setPreset] = useState('bert-tiny');
  const [studentRun, setStudentRun] = useState('');
  const [checkpoint, setCheckpoint] = useState('');
  const [temperature, setTemperature] = useState('');
  const [alpha, setAlpha] = useState('');
  const [maxSteps, setMaxSteps] = useState('');
  const [learningRate, setLearningRate] = useState('');
  const [unlabelled, setUnlabelled] = useState('');

  useEffect(() => {
    if (catalogue.length === 0) void loadModels();
  }, [catalogue.length, loadModels]);
  useEffect(() => {
    if (teacher) void loadParameterCounts(teacher);
  }, [teacher, loadParameterCounts]);
  // The form starts from the defaults and the teacher's own settings, once both are known.
  const teacherTraining = (teacher?.config.training ?? {}) as { max_steps?: number; learning_rate?: number };
  useEffect(() => {
    if (!defaults || !teacher) return;
    setTemperature((t) => t || String(defaults.distillation.settings.temperature));
    setAlpha((a) => a || String(defaults.distillation.settings.alpha));
    setMaxSteps((m) => m || String(teacherTraining.max_steps ?? 0));
    setLearningRate((l) => l || String(teacherTraining.learning_rate ?? ''));
  }, [defaults, teacher, teacherTraining.max_steps, teacherTraining.learning_rate]);

  if (!teacher) {
    return <div className="page">{runError ? <ErrorNote message={runError} /> : <Loading what="Opening the run" />}</div>;
  }
  const task = runTask(teacher);
  if (!canTeach(teacher, defaults)) {
    return (
      <div className="page">
        <section className="panel" data-testid="distil-unavailable">
          <h2>Distil “{teacher.name}”</h2>
          <p>
            Only a completed {defaults ? defaults.distillation.tasks.join(', ') : 'classification, NER or QA'} run can teach; this one is a {task} run and {teacher.status}.
          </p>
          <Link to={{ page: 'run', id }}>Back to the run</Link>
        </section>
      </div>
    );
  }

  const hints = defaults?.distillation.hints;
  const finishedRuns = Object.values(allRuns)
    .filter((r) => r.status === 'completed' && r.id !== id)
    .sort(byCreated);
  const metricName = comparedMetric(teacher, defaults);
  const teacherCount = counts[id];
  const teacherTotal = teacherCount && 'total' in teacherCount ? teacherCount.total : undefined;
  const student: DistilStudent | undefined =
    kind === 'catalogue' ? (hubId ? { hub: hubId } : undefined) : kind === 'preset' ? { preset } : kind === 'run' ? (studentRun ? { run: studentRun } : undefined) : checkpoint.trim() ? { checkpoint: checkpoint.trim() } : undefined;
  const takesUnlabelled = (defaults?.distillation.unlabelledTasks as string[] | undefined)?.includes(task) ?? false;

  const start = async () => {
    if (!student) return;
    const training: Record<string, unknown> = {};
    if (maxSteps !== '' && Number(maxSteps) !== teacherTraining.max_steps) training.max_steps = Number(maxSteps);
    if (learningRate !== '' && Number(learningRate) !== teacherTraining.learning_rate) training.learning_rate = Number(learningRate);
    const run = await distilRun(id, { student, temperature: Number(temperature), alpha: Number(alpha), training, ...(takesUnlabelled && unlabelled ? { unlabelled } : {}) });
    if (run) navigate({ page: 'run', id: run.id });
  };

  return (
    <div className="page" data-testid="distil-page">
      <section className="panel">
        <div className="card-kicker">
          <Link to={{ page: 'runs' }}>Runs</Link> / <Link to={{ page: 'run', id }}>{teacher.name}</Link>
        </div>
        <h2>Distil this run into a smaller model</h2>
        <p className="hint">
          The student trains on the teacher’s data with alpha · cross-entropy on the labels + (1 − alpha) · T² · KL between the teacher’s and the student’s softened outputs. The teacher
          runs once over the data; its outputs are kept in the student’s run folder.
        </p>
        <dl className="facts facts-inline" data-testid="distil-teacher">
          <dt>Teacher</dt>
          <dd>
            {runModel(teacher)} · {task}
          </dd>
          <dt>Parameters</dt>
          <dd title={teacherTotal !== undefined ? exactCount(teacherTotal) : undefined}>{teacherTotal !== undefined ? compactCount(teacherTotal) : '—'}</dd>
          {metricName && (
            <>
              <dt>{metricName.replace(/^eval_/, '')}</dt>
              <dd>{metric(teacher.final_metrics?.[metricName])}</dd>
            </>
          )}
        </dl>
      </section>

      <section className="panel">
        <h2>Student</h2>
        <div className="segmented" role="group" aria-label="student kind">
          {(
            [
              ['catalogue', 'A pretrained checkpoint'],
              ['preset', 'A preset'],
              ['run', 'A finished run'],
              ['checkpoint', 'A checkpoint folder'],
            ] as const
          ).map(([value, label]) => (
            <button key={value} type="button" aria-pressed={kind === value} onClick={() => setKind(value)} data-testid={`student-kind-${value}`}>
              {label}
            </button>
          ))}
        </div>
        {kind === 'catalogue' && (
          <fieldset className="choice-grid">
            <legend className="visually-hidden">Pretrained checkpoint</legend>
            {catalogue.length === 0 && (modelsError ? <ErrorNote message={modelsError} /> : <p className="empty">Loading the catalogue…</p>)}
            {catalogue.map((entry) => (
              <label key={entry.hubId} className={hubId === entry.hubId ? 'choice choice-on' : 'choice'} data-testid={`student-hub-${entry.hubId}`}>
                <input type="radio" name="student-hub" checked={hubId === entry.hubId} onChange={() => setHubId(entry.hubId)} />
                <strong>{entry.name}</strong>
                <span className="param-count" title={exactCount(entry.parameters)}>
                  {compactCount(entry.parameters)} parameters
                </span>
                <span className="hint wrap-text">
                  {entry.hubId} · {entry.layers} layers · {entry.hiddenSize} hidden · {entry.cased ? 'cased' : 'uncased'}
                </span>
                {teacherTotal !== undefined && entry.parameters >= teacherTotal && <span className="tag tag-warn">not smaller than the teacher</span>}
              </label>
            ))}
          </fieldset>
        )}
        {kind === 'preset' && (
          <fieldset className="choice-grid">
            <legend className="visually-hidden">Preset</legend>
            {presets.map((p) => (
              <label key={p.id} className={preset === p.id ? 'choice choice-on' : 'choice'} data-testid={`student-${p.id}`}>
                <input type="radio" name="student-preset" checked={preset === p.id} onChange={() => setPreset(p.id)} />
                <strong>{p.id}</strong>
                <span className="param-count" title={exactCount(p.parameters)}>
                  {compactCount(p.parameters)} parameters
                </span>
                <span className="hint">
                  {p.layers} layers · {p.hiddenSize} hidden · random weights
                </span>
                {teacherTotal !== undefined && p.parameters >= teacherTotal && <span className="tag tag-warn">not smaller than the teacher</span>}
              </label>
            ))}
          </fieldset>
        )}
        {kind === 'run' &&
          (finishedRuns.length === 0 ? (
            <p className="empty">No other finished run yet.</p>
          ) : (
            <FinishedRunSelect label="Start from the model of" value={studentRun} onChange={setStudentRun} finished={finishedRuns} testId="student-run" />
          ))}
        {kind === 'checkpoint' && (
          <label className="checkpoint-row">
            <input
              type="text"
              className="wide"
              value={checkpoint}
              placeholder="/path/to/a Hugging Face folder with the teacher's vocab.txt"
              aria-label="Student checkpoint folder"
              onChange={(e) => setCheckpoint(e.target.value)}
              data-testid="student-checkpoint"
            />
          </label>
        )}
        <p className="hint">
          The student must use the teacher’s vocabulary (it is checked before the teacher pass): the presets and Google’s uncased BERTs use bert-base-uncased’s, as presets trained here do.
        </p>
      </section>

      <section className="panel">
        <h2>Distillation settings</h2>
        <div className="settings">
          <NumberSetting name="temperature" label="temperature" value={temperature} onChange={setTemperature} hint={hints?.temperature} step="0.5" />
          <NumberSetting name="alpha" label="alpha" value={alpha} onChange={setAlpha} hint={hints?.alpha} step="0.05" />
          <NumberSetting name="max_steps" label="max_steps" value={maxSteps} onChange={setMaxSteps} hint="Optimizer updates of the student; 0 derives them from the teacher’s epochs." step="1" />
          <NumberSetting name="learning_rate" label="learning_rate" value={learningRate} onChange={setLearningRate} hint="The teacher’s unless changed." />
          {takesUnlabelled && (
            <label className="setting">
              <span>unlabelled text (optional)</span>
              <span className="checkpoint-row">
                <input type="text" value={unlabelled} placeholder="/path/to/sentences.txt" onChange={(e) => setUnlabelled(e.target.value)} data-testid="distil-unlabelled" />
                <label className="button-link">
                  Choose…
                  <input
                    type="file"
                    className="visually-hidden"
                    accept=".txt,.text,.tsv,.csv"
                    data-testid="distil-unlabelled-file"
                    onChange={async (e) => {
                      const file = e.target.files?.[0];
                      e.target.value = '';
                      const path = file && (await importUnlabelled(file));
                      if (path) setUnlabelled(path);
                    }}
                  />
                </label>
              </span>
              {hints && <span className="hint">{hints.unlabelled}</span>}
            </label>
          )}
        </div>
        <ErrorNote message={distilError} testId="distil-error" />
        <div className="wizard-nav">
          <button type="button" className="primary" disabled={!student || distilling} onClick={() => void start()} data-testid="distil-start">
            {distilling ? 'Creating…' : 'Start distilling'}
          </button>
          <Link to={{ page: 'run', id }}>Cancel</Link>
        </div>
      </section>
    </div>
  );
}
