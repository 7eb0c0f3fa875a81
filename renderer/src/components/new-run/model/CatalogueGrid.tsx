// The pretrained checkpoints of the catalogue, each with what a person picks by: shape,
// parameters, download size, case, domain and licence, and whether it is downloaded.
import type { CatalogueInfo } from '../../../../../electron/contract';
import { bytes, compactCount, exactCount } from '../../../format';
import { useWorkbench } from '../../../store';

interface Props {
  selected: string | undefined;
  onPick: (entry: CatalogueInfo) => void;
}

export function CatalogueGrid({ selected, onPick }: Props) {
  const catalogue = useWorkbench((s) => s.catalogue);
  const cached = useWorkbench((s) => s.cachedModels);
  return (
    <fieldset className="choice-grid" data-testid="catalogue">
      <legend>Pretrained checkpoints — fine-tune these</legend>
      {catalogue.map((entry) => {
        const on = selected === entry.hubId;
        const inCache = cached.find((m) => m.hubId === entry.hubId);
        const downloaded = inCache?.usable ?? false;
        const partial = !downloaded && (inCache?.incompleteBytes ?? 0) > 0;
        return (
          <label key={entry.hubId} className={on ? 'choice choice-on' : 'choice'} data-testid={`catalogue-${entry.hubId}`}>
            {/* Picking the chosen one again (the default) still starts its download. */}
            <input type="radio" name="model" checked={on} onChange={() => onPick(entry)} onClick={on ? () => onPick(entry) : undefined} />
            <strong>
              {entry.name} ({entry.hubId})
            </strong>
            <span>
              <span className="param-count" title={exactCount(entry.parameters)}>
                {compactCount(entry.parameters)} parameters
              </span>
              <span className="tag">{entry.cased ? 'cased' : 'uncased'}</span>
              {downloaded ? (
                <span className="tag tag-ok" data-testid="downloaded-badge">
                  downloaded
                </span>
              ) : partial ? (
                <span className="tag tag-warn" title="a download stopped part way; downloading again resumes it" data-testid="partial-badge">
                  {bytes(inCache?.incompleteBytes ?? 0)} of ≈{bytes(entry.downloadBytes)}: resumes
                </span>
              ) : (
                <span className="tag" title="estimated: the stored parameters × 4 bytes">
                  ≈{bytes(entry.downloadBytes)} download
                </span>
              )}
            </span>
            <span className="hint">
              {entry.layers} layers · {entry.hiddenSize} hidden · {entry.heads} heads · {entry.language}
            </span>
            <span className="hint">{entry.domain}</span>
            <span className="hint">
              Licence: {entry.licence}
              {entry.default ? ' · the default' : ''}
            </span>
          </label>
        );
      })}
    </fieldset>
  );
}
