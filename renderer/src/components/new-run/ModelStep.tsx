// Which BERT to fine-tune: a pretrained checkpoint from the catalogue (downloaded into
// the Hugging Face cache when picked), one already in the cache, any Hub id, a folder on
// this machine — or, labelled as such, an architecture-only preset with random weights.
import { useState } from 'react';
import { compactCount, exactCount } from '../../format';
import { downloadKey } from '../../lib/model-source';
import { useWorkbench } from '../../store';
import { CachedModels } from './model/CachedModels';
import { CatalogueGrid } from './model/CatalogueGrid';
import { HubBar } from './model/HubBar';
import { HubIdField } from './model/HubIdField';
import { SelectedModel } from './model/SelectedModel';
import { RandomWeightsWarning } from './RandomWeightsWarning';
import './model/model-step.css';

/** Picking a Hub model starts its download when the cache lacks it (and the app is online). */
function useChooseHubModel(): (hubId: string, revision: string) => void {
  const setDraftModel = useWorkbench((s) => s.setDraftModel);
  const startDownload = useWorkbench((s) => s.startDownload);
  const cached = useWorkbench((s) => s.cachedModels);
  const downloads = useWorkbench((s) => s.downloads);
  const offline = useWorkbench((s) => s.hubSettings?.offline ?? false);
  return (hubId, revision) => {
    setDraftModel({ hub: hubId, revision });
    const have = cached.some((m) => m.hubId === hubId && m.usable && (m.revision === revision || m.commit === revision));
    const running = downloads[downloadKey(hubId, revision)]?.status === 'downloading';
    if (!have && !running && !offline) void startDownload(hubId, revision);
  };
}

export function ModelStep() {
  const model = useWorkbench((s) => s.draft?.model);
  const task = useWorkbench((s) => s.draft?.task ?? 'classification');
  const presets = useWorkbench((s) => s.presets);
  const modelsError = useWorkbench((s) => s.modelsError);
  const setDraftModel = useWorkbench((s) => s.setDraftModel);
  const chooseHubModel = useChooseHubModel();
  const [checkpoint, setCheckpoint] = useState(model && 'checkpoint' in model ? model.checkpoint : '');
  const isCheckpoint = !!model && 'checkpoint' in model;
  const hubModel = model && 'hub' in model ? model : undefined;
  return (
    <div className="step-body">
      <HubBar />
      {modelsError && <p className="warn-text">{modelsError}</p>}
      {model && <RandomWeightsWarning model={model} task={task} />}
      {model && <SelectedModel model={model} task={task} />}
      <CatalogueGrid selected={hubModel?.hub} onPick={(entry) => chooseHubModel(entry.hubId, 'main')} />
      <CachedModels selected={hubModel?.hub} onPick={chooseHubModel} />
      <HubIdField current={hubModel} onUse={chooseHubModel} />
      <fieldset className="subpanel">
        <legend>Or a checkpoint folder on this machine</legend>
        <label className="checkpoint-row">
          <input type="radio" name="model" checked={isCheckpoint} onChange={() => checkpoint.trim() && setDraftModel({ checkpoint: checkpoint.trim() })} disabled={!checkpoint.trim()} />
          <input
            type="text"
            className="wide"
            value={checkpoint}
            placeholder="/path/to/bert-base-uncased (config.json, vocab.txt, model.safetensors)"
            aria-label="Checkpoint folder"
            onChange={(e) => setCheckpoint(e.target.value)}
            onBlur={() => checkpoint.trim() && isCheckpoint && setDraftModel({ checkpoint: checkpoint.trim() })}
          />
          <button type="button" onClick={() => checkpoint.trim() && setDraftModel({ checkpoint: checkpoint.trim() })} disabled={!checkpoint.trim()}>
            Use folder
          </button>
        </label>
      </fieldset>
      <fieldset className="choice-grid presets" data-testid="presets-choice">
        <legend>Architecture only — random weights, for pre-training from scratch</legend>
        {presets.map((p) => {
          const on = !!model && 'preset' in model && model.preset === p.id;
          return (
            <label key={p.id} className={on ? 'choice choice-on' : 'choice'} data-testid={`model-${p.id}`}>
              <input type="radio" name="model" checked={on} onChange={() => setDraftModel({ preset: p.id })} />
              <strong>
                {p.id} <span className="tag tag-warn">random weights</span>
              </strong>
              <span className="param-count" title={exactCount(p.parameters)}>
                {compactCount(p.parameters)} parameters
              </span>
              <span className="hint">
                {p.layers} layers · {p.hiddenSize} hidden · {p.heads} heads
              </span>
              <span className="hint">architecture only — random weights, for pre-training from scratch{p.pretrained ? `; pretrained: ${p.pretrained.name}` : ''}</span>
            </label>
          );
        })}
      </fieldset>
    </div>
  );
}
