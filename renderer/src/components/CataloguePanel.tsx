// The Overview's list of pretrained checkpoints: what a run fine-tunes from, each marked
// when it is already in the Hugging Face cache.
import { bytes, compactCount, exactCount } from '../format';
import { useWorkbench } from '../store';

export function CataloguePanel() {
  const catalogue = useWorkbench((s) => s.catalogue);
  const cached = useWorkbench((s) => s.cachedModels);
  const cacheDir = useWorkbench((s) => s.hubSettings?.cacheDir);
  return (
    <section className="panel" aria-labelledby="catalogue-heading">
      <h2 id="catalogue-heading">Pretrained models</h2>
      <p className="hint">Fine-tuning starts from one of these; picked on the New run form, they download into the Hugging Face cache{cacheDir ? ` (${cacheDir})` : ''}.</p>
      {/* Narrow windows scroll the table inside the panel rather than widen the page. */}
      <div className="table-scroll">
        <table className="table" data-testid="catalogue-table">
          <thead>
            <tr>
              <th scope="col">Model</th>
              <th scope="col">Hub id</th>
              <th scope="col">Parameters</th>
              <th scope="col">Case</th>
              <th scope="col">Domain</th>
              <th scope="col">Licence</th>
              <th scope="col">Download</th>
            </tr>
          </thead>
          <tbody>
            {catalogue.map((c) => (
              <tr key={c.hubId}>
                <th scope="row">{c.name}</th>
                <td className="wrap-text">
                  <code>{c.hubId}</code>
                </td>
                <td title={exactCount(c.parameters)}>{compactCount(c.parameters)}</td>
                <td>{c.cased ? 'cased' : 'uncased'}</td>
                <td className="hint">{c.domain}</td>
                <td>{c.licence}</td>
                <td>{cached.some((m) => m.hubId === c.hubId && m.usable) ? <span className="ok">downloaded</span> : `≈${bytes(c.downloadBytes)}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
