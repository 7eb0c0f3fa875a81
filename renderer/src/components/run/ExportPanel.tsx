// Export a finished run: Hugging Face folder, TF.js graph or ONNX, optionally quantized, to
// a folder; shows where it went, whether the exported model agrees with the app's, and
// opens the folder (desktop app) or downloads it as a zip (browser mode).
import { useState } from 'react';
import { EXPORT_FORMATS, EXPORT_QUANTIZATIONS, type ExportFormat, type ExportQuantization, type ExportResult } from '../../../../electron/contract';
import { exportDownloadUrl } from '../../service/downloads';
import { useWorkbench } from '../../store';
import { ErrorNote } from '../Feedback';

const FORMAT_LABELS: Record<ExportFormat, { name: string; hint: string }> = {
  hf: { name: 'Hugging Face folder', hint: 'config.json, model.safetensors, tokenizer.json: loads in Transformers' },
  tfjs: { name: 'TensorFlow.js', hint: 'model.json + weight shards: runs in a browser or Node' },
  onnx: { name: 'ONNX', hint: 'onnx/model.onnx + tokenizer.json: runs in ONNX Runtime (servers, mobile, C#, Java) and transformers.js' },
};

const QUANTIZE_LABELS: Record<ExportQuantization, string> = {
  f16: 'float16 (half the size)',
  u8: 'uint8 (a quarter of the size)',
  int8: 'int8 too (adds onnx/model_quantized.onnx, about a quarter of the size)',
};

function ParityLine({ label, parity, testId }: { label: string; parity: NonNullable<ExportResult['parity']>; testId: string }) {
  return (
    <p className={parity.ok ? 'ok' : 'warn-text'} data-testid={testId}>
      {label} {parity.ok ? 'passed' : 'FAILED'}: on {parity.examples} validation examples the largest difference in logits is {parity.max_abs_diff.toExponential(2)} (tolerance{' '}
      {parity.tolerance.toExponential(0)}).
    </p>
  );
}

function ExportFolderActions({ runId, result }: { runId: string; result: ExportResult }) {
  const revealExport = useWorkbench((s) => s.revealExport);
  const revealError = useWorkbench((s) => s.exports[runId]?.revealError);
  const download = exportDownloadUrl(runId, result.path);
  return (
    <div className="actions">
      {download ? (
        <a className="button-link" href={download} download data-testid="export-download">
          Download .zip
        </a>
      ) : (
        <button type="button" onClick={() => void revealExport(runId)} data-testid="export-reveal">
          Show in folder
        </button>
      )}
      <ErrorNote message={revealError} testId="export-reveal-error" />
    </div>
  );
}

export function ExportPanel({ runId }: { runId: string }) {
  const state = useWorkbench((s) => s.exports[runId]);
  const exportRun = useWorkbench((s) => s.exportRun);
  const [format, setFormat] = useState<ExportFormat>('hf');
  const [quantize, setQuantize] = useState<'' | ExportQuantization>('');
  const [outDir, setOutDir] = useState('');
  const busy = state?.status === 'exporting';
  const quantizations = EXPORT_QUANTIZATIONS[format];
  const chooseFormat = (next: ExportFormat) => {
    setFormat(next);
    // A quantization of another format does not carry over.
    if (quantize && !EXPORT_QUANTIZATIONS[next].includes(quantize)) setQuantize('');
  };
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
          {EXPORT_FORMATS.map((f) => (
            <label key={f}>
              <input type="radio" name={`format-${runId}`} checked={format === f} onChange={() => chooseFormat(f)} data-testid={`export-format-${f}`} /> {FORMAT_LABELS[f].name}{' '}
              <span className="hint">({FORMAT_LABELS[f].hint})</span>
            </label>
          ))}
        </fieldset>
        <label className="inline-field">
          Quantize{' '}
          <select value={quantize} onChange={(e) => setQuantize(e.target.value as '' | ExportQuantization)} disabled={quantizations.length === 0} data-testid="export-quantize">
            <option value="">no (float32)</option>
            {quantizations.map((q) => (
              <option key={q} value={q}>
                {QUANTIZE_LABELS[q]}
              </option>
            ))}
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
          {state.result.parity ? <ParityLine label="Parity check" parity={state.result.parity} testId="export-parity" /> : <p className="hint">No parity check was run for this export.</p>}
          {state.result.quantized_parity && <ParityLine label="Parity check of the int8 model" parity={state.result.quantized_parity} testId="export-parity-quantized" />}
          {state.result.warnings?.map((warning) => (
            <p key={warning} className="warn-text">
              {warning}
            </p>
          ))}
          <ExportFolderActions runId={runId} result={state.result} />
        </div>
      )}
    </div>
  );
}
