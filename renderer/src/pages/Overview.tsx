// The first screen: what this machine trains with, which models it can fine-tune, and
// the sample data sets to start from. Everything here comes from the service.
import type { SampleInfo } from '../../../electron/contract';
import { CataloguePanel } from '../components/CataloguePanel';
import { ErrorNote } from '../components/Feedback';
import { Link } from '../components/Link';
import { StatusPill } from '../components/StatusPill';
import { useWorkbench } from '../store';
import { bytes, compactCount, exactCount } from '../format';
import { byCreated } from '../lib/run-info';
import type { Route } from '../lib/route';

import { TASK_LABELS } from '../tasks';

const STEPS: { title: string; text: string; to: Route; action: string }[] = [
  { title: 'Look at your data', text: 'Import a CSV, CoNLL or SQuAD file, or open a sample: see its labels, lengths and problems.', to: { page: 'datasets' }, action: 'Open Datasets' },
  { title: 'Fine-tune a model', text: 'Pick task, data and a BERT; the defaults are the BERT paper’s. Watch the loss fall live.', to: { page: 'new-run' }, action: 'New run' },
  { title: 'Compare and try', text: 'Overlay runs (base vs large, frozen vs not) and type sentences into a finished model.', to: { page: 'compare', ids: [] }, action: 'Compare runs' },
  { title: 'Export', text: 'Write the model as a Hugging Face folder or a TensorFlow.js model, checked against the app.', to: { page: 'export' }, action: 'Export' },
];

function StartHere() {
  const runs = useWorkbench((s) => s.runs);
  const recent = Object.values(runs).sort(byCreated).slice(0, 4);
  return (
    <section className="panel" aria-labelledby="start-heading">
      <h2 id="start-heading">Start here</h2>
      <ol className="start-steps">
        {STEPS.map((step, i) => (
          <li key={step.title}>
            <span className="step-number">{i + 1}</span>
            <div>
              <h3>{step.title}</h3>
              <p className="hint">{step.text}</p>
              <Link to={step.to} className="button-link" testId={`start-${step.to.page}`}>
                {step.action}
              </Link>
            </div>
          </li>
        ))}
      </ol>
      {recent.length > 0 && (
        <>
          <h3>Recent runs</h3>
          <ul className="plain-list" data-testid="recent-runs">
            {recent.map((run) => (
              <li key={run.id}>
                <Link to={{ page: 'run', id: run.id }}>{run.name}</Link> <StatusPill status={run.status} />
                {run.queue_position !== undefined && <span className="hint"> position {run.queue_position} in the queue</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function SampleActions({ sample }: { sample: SampleInfo }) {
  const navigate = useWorkbench((s) => s.navigate);
  const selectDataset = useWorkbench((s) => s.selectDataset);
  const startRunWithData = useWorkbench((s) => s.startRunWithData);
  const train = sample.files.train;
  if (!train) return null;
  const validation = sample.files.validation;
  return (
    <div className="actions">
      <button
        type="button"
        onClick={() => {
          selectDataset({ task: sample.task, train, validation, label: sample.name, sampleId: sample.id });
          navigate({ page: 'datasets' });
        }}
      >
        Inspect
      </button>
      <button
        type="button"
        onClick={() => {
          startRunWithData(sample.task, { train, ...(validation ? { validation } : {}) });
          navigate({ page: 'new-run' });
        }}
      >
        Train on it
      </button>
    </div>
  );
}

/** The fast CPU backend where runs do not have it: a button where it can be built here, else one line saying what to install. */
function NativeBackendOffer() {
  const system = useWorkbench((s) => s.system);
  const build = useWorkbench((s) => s.nativeBuild);
  const buildNativeBackend = useWorkbench((s) => s.buildNativeBackend);
  const status = system?.nativeBackend;
  if (!system || !status || system.backend.name === 'native-cpu' || status.state === 'built') return null;
  if (status.state === 'unavailable') {
    return (
      <p className="hint" data-testid="native-backend-instruction">
        For CPU training about five times faster than {system.backend.name ?? 'this backend'}: install {status.missing} (<code>{status.install}</code>), then restart the app.
      </p>
    );
  }
  return (
    <div data-testid="native-backend-offer">
      <button type="button" onClick={() => void buildNativeBackend()} disabled={build.state === 'building'} data-testid="build-native-backend">
        {build.state === 'building' ? 'Building the fast CPU backend… (about a minute)' : 'Build the fast CPU backend'}
      </button>
      <span className="hint"> native-cpu: OpenBLAS kernels on all cores, about five times faster than {system.backend.name ?? 'this backend'} (or run <code>{status.command}</code>)</span>
      {build.state === 'failed' && <ErrorNote message={build.message} testId="native-backend-error" />}
    </div>
  );
}

function SystemPanel() {
  const system = useWorkbench((s) => s.system);
  if (!system) return null;
  return (
    <section className="panel" aria-labelledby="system-heading">
      <h2 id="system-heading">This machine</h2>
      <dl className="facts">
        <dt>Backend</dt>
        <dd>
          <strong data-testid="backend-detail">{system.backend.name ?? 'none'}</strong> — {system.backend.description}
          <div className="hint">runs train on it: {system.backend.reason}</div>
          <NativeBackendOffer />
        </dd>
        <dt>CPU</dt>
        <dd>
          {system.cpu.model} × {system.cpu.cores}
        </dd>
        <dt>Memory</dt>
        <dd>
          {bytes(system.memory.freeBytes)} free of {bytes(system.memory.totalBytes)}
        </dd>
        <dt>Mode</dt>
        <dd>{system.app.mode === 'electron' ? 'Desktop app' : 'Browser mode (the same service over a local WebSocket)'}</dd>
      </dl>
    </section>
  );
}

function PresetsPanel() {
  const presets = useWorkbench((s) => s.presets);
  return (
    <section className="panel" aria-labelledby="presets-heading">
      <h2 id="presets-heading">Architecture-only presets</h2>
      <p className="hint">Random weights, for pre-training from scratch: a fine-tuning run from one does not learn language.</p>
      <table className="table" data-testid="presets">
        <thead>
          <tr>
            <th scope="col">Preset</th>
            <th scope="col">Layers</th>
            <th scope="col">Hidden</th>
            <th scope="col">Heads</th>
            <th scope="col">Parameters</th>
            <th scope="col">Notes</th>
          </tr>
        </thead>
        <tbody>
          {presets.map((p) => (
            <tr key={p.id} data-testid={`preset-${p.id}`}>
              <th scope="row">{p.id}</th>
              <td>{p.layers}</td>
              <td>{p.hiddenSize}</td>
              <td>{p.heads}</td>
              <td title={exactCount(p.parameters)}>{compactCount(p.parameters)}</td>
              <td className="hint">{p.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function SamplesPanel() {
  const samples = useWorkbench((s) => s.samples);
  return (
    <section className="panel" aria-labelledby="samples-heading">
      <h2 id="samples-heading">Sample data sets</h2>
      {samples.length === 0 ? (
        <p className="empty">No sample data sets were found in datasets/samples.</p>
      ) : (
        <ul className="cards" data-testid="samples">
          {samples.map((s) => (
            <li key={s.id} className="card" data-testid={`sample-${s.id}`}>
              <div className="card-kicker">{TASK_LABELS[s.task]}</div>
              <h3>{s.name}</h3>
              <p className="hint">{s.description}</p>
              <div className="counts">
                {Object.entries(s.counts).map(([split, n]) => (
                  <span key={split}>
                    {split}: {exactCount(n)}
                  </span>
                ))}
              </div>
              <SampleActions sample={s} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function Overview() {
  return (
    <div className="page">
      <StartHere />
      <SystemPanel />
      <CataloguePanel />
      <PresetsPanel />
      <SamplesPanel />
    </div>
  );
}
