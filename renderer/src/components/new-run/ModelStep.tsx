// Which BERT to fine-tune: a preset (with its parameter count from the core) or a local
// Hugging Face checkpoint folder.
import { useState } from 'react';
import { compactCount, exactCount } from '../../format';
import { useWorkbench } from '../../store';

export function ModelStep() {
  const model = useWorkbench((s) => s.draft?.model);
  const presets = useWorkbench((s) => s.presets);
  const setDraftModel = useWorkbench((s) => s.setDraftModel);
  const [checkpoint, setCheckpoint] = useState(model && 'checkpoint' in model ? model.checkpoint : '');
  const isCheckpoint = !!model && 'checkpoint' in model;
  return (
    <div className="step-body">
      <fieldset className="choice-grid">
        <legend>Model</legend>
        {presets.map((p) => {
          const on = !!model && 'preset' in model && model.preset === p.id;
          return (
            <label key={p.id} className={on ? 'choice choice-on' : 'choice'} data-testid={`model-${p.id}`}>
              <input type="radio" name="model" checked={on} onChange={() => setDraftModel({ preset: p.id })} />
              <strong>{p.id}</strong>
              <span className="param-count" title={exactCount(p.parameters)}>
                {compactCount(p.parameters)} parameters
              </span>
              <span className="hint">
                {p.layers} layers · {p.hiddenSize} hidden · {p.heads} heads
              </span>
              <span className="hint">{p.description}</span>
            </label>
          );
        })}
      </fieldset>
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
    </div>
  );
}
