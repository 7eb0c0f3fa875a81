// Export a finished run: Hugging Face folder or TF.js graph, optionally quantized, to a
// folder; shows where it went and whether the exported model agrees with the app's.
import { useState } from 'react';
import { useWorkbench } from '../../store';
import { ErrorNote } from '../Feedback';

export function ExportPanel({ runId }: { runId: string }) {
  const state = useWorkbench((s) => s.exports[runId]);
  const exportRun = useWorkbench((s) => s.exportRun);
  const [format, setFormat] = useState<'hf' | 'tfjs'>('hf');
  const [quantize, setQuantize] = useState<'' | 'f16' | 'u8'>('');
  const [outDir, setOutDir] = useState('');
  const busy = state?.status === 'exporting';
  return (
    <div className="export" data-testid="export-panel">
      <form
        className="export-form"
        onSubmit={(e) => {
          e.preventDefault();
          void exportRun(runId, { format, outDir, ...(quantize ? { quantize } : {}) });
        }}
      >
        <fieldset className="segmented-field">
          <legend>Format</legend>
          <label>
            <input type="radio" name={`format-${runId}`} checked={format === 'hf'} onChange={() => setFormat('hf')} data-testid="export-format-hf" /> Hugging Face folder{' '}
            <span className="hint">(config.json, model.safetensors, vocab.txt: loads in Transformers)</span>
          </label>
          <label>
            <input type="radio" name={`format-${runId}`} checked={format === 'tfjs'} onChange={() => setFormat('tfjs')} data-testid="export-format-tfjs" /> TensorFlow.js{' '}
            <span className="hint">(model.json + weight shards: runs in a browser or Node)</span>
          </label>
        </fieldset>
        <label className="inline-field">
          Quantize{' '}
          <select value={quantize} onChange={(e) => setQuantize(e.target.value as '' | 'f16' | 'u8')} data-testid="export-quantize">
            <option value="">no (float32)</option>
            <option value="f16">float16 (half the size)</option>
            <option value="u8">uint8 (a quarter of the size)</option>
          </select>
        </label>
        <label className="inline-field">
          Folder{' '}
          <input type="text" className="wide" value={outDir} onChange={(e) => setOutDir(e.target.value)} placeholder="inside the run folder when empty" data-testid="export-dir" />
        </label>
        <button type="submit" className="primary" disabled={busy} data-testid="export-start">
          {busy ? 'Exporting…' : 'Export'}
        </button>
      </form>
      {busy && (
        <p role="status" className="hint">
          Writing the files and checking the exported model against the app’s outputs…
        </p>
      )}
      {state?.status === 'error' && <ErrorNote message={state.error} testId="export-error" />}
      {state?.status === 'done' && state.result && (
        <div className="subpanel" data-testid="export-result">
          <p>
            Exported to <code data-testid="export-path">{state.result.path}</code>
          </p>
          <p className="hint">{state.result.files.join(' · ')}</p>
          {state.result.parity ? (
            <p className={state.result.parity.ok ? 'ok' : 'warn-text'} data-testid="export-parity">
              {state.result.parity.ok ? 'Parity check passed' : 'Parity check FAILED'}: on {state.result.parity.examples} validation examples the largest difference in logits is{' '}
              {state.result.parity.max_abs_diff.toExponential(2)} (tolerance {state.result.parity.tolerance.toExponential(0)}).
            </p>
          ) : (
            <p className="hint">No parity check was run for this export.</p>
          )}
        </div>
      )}
    </div>
  );
}
