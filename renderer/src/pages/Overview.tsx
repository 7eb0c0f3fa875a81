// The first screen: what this machine trains with, which models it can fine-tune, and
// the sample data sets to start from. Everything here comes from the service.
import { useWorkbench } from '../store';
import { bytes, compactCount, exactCount } from '../format';

const TASK_LABELS = { classification: 'Text classification', ner: 'Named-entity recognition', qa: 'Question answering' } as const;

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
          <div className="hint">{system.backend.reason}</div>
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
      <h2 id="presets-heading">Models</h2>
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
      <SystemPanel />
      <PresetsPanel />
      <SamplesPanel />
    </div>
  );
}
