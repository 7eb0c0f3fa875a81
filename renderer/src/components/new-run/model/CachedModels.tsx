// BERT models already in the Hugging Face cache that the catalogue does not list: people
// who used Transformers have them there already. Others in the cache say why they cannot
// be used (another architecture, a download that stopped).
import { bytes, compactCount } from '../../../format';
import { useWorkbench } from '../../../store';

export function CachedModels({ selected, onPick }: { selected: string | undefined; onPick: (hubId: string, revision: string) => void }) {
  const cached = useWorkbench((s) => s.cachedModels);
  const outside = cached.filter((m) => !m.inCatalogue);
  if (outside.length === 0) return null;
  return (
    <fieldset className="subpanel" data-testid="cached-models">
      <legend>Downloaded — in your Hugging Face cache</legend>
      <ul className="choice-list">
        {outside.map((m) => (
          <li key={m.hubId}>
            {m.usable ? (
              <label className={selected === m.hubId ? 'choice choice-on' : 'choice'} data-testid={`cached-${m.hubId}`}>
                <input type="radio" name="model" checked={selected === m.hubId} onChange={() => onPick(m.hubId, m.revision ?? m.commit ?? 'main')} />
                <strong>{m.hubId}</strong>
                <span className="tag tag-ok">downloaded</span>
                <span className="hint">
                  {m.layers} layers · {m.hiddenSize} hidden · {m.heads} heads · {m.parameters !== undefined ? `${compactCount(m.parameters)} parameters` : ''} · {bytes(m.sizeBytes)} on disk ·{' '}
                  {m.revision ?? 'commit'} <code>{m.commit?.slice(0, 10)}</code>
                </span>
              </label>
            ) : (
              <div className="choice choice-disabled" data-testid={`cached-${m.hubId}`}>
                <strong>{m.hubId}</strong>
                <span className="hint">{m.problem}</span>
              </div>
            )}
          </li>
        ))}
      </ul>
    </fieldset>
  );
}
