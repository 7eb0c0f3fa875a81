// What the run will start from: pretrained or not, downloaded or not (with the download's
// progress), its shape, its tokenizer, and the weights the task's head adds that the
// checkpoint lacks — initialised as Transformers does.
import { useEffect } from 'react';
import type { TaskKind } from '../../../../../electron/contract';
import { compactCount } from '../../../format';
import { downloadKey, modelKey, type ModelChoice } from '../../../lib/model-source';
import { useWorkbench } from '../../../store';
import { ErrorNote } from '../../Feedback';
import { DownloadStatus } from './DownloadStatus';

export function SelectedModel({ model, task }: { model: ModelChoice; task: TaskKind }) {
  const key = modelKey(model, task);
  const entry = useWorkbench((s) => s.descriptions[key]);
  const describeModel = useWorkbench((s) => s.describeModel);
  const download = useWorkbench((s) => ('hub' in model ? s.downloads[downloadKey(model.hub, model.revision)] : undefined));
  const startDownload = useWorkbench((s) => s.startDownload);
  const offline = useWorkbench((s) => s.hubSettings?.offline ?? false);
  useEffect(() => {
    if (!entry) void describeModel(model, task);
  }, [key, entry]); // keyed by the model's content; a finished download clears the entry
  const description = entry?.description;
  return (
    <section className="subpanel" data-testid="selected-model">
      <h3>Starting from</h3>
      <ErrorNote message={entry?.error} testId="model-error" />
      {download && (download.status !== 'completed' || !description?.available) && <DownloadStatus download={download} />}
      {'hub' in model && description && !description.available && !download && (
        <p>
          <button type="button" className="primary" disabled={offline} onClick={() => void startDownload(model.hub, model.revision)} data-testid="download-model">
            Download {description.name}
          </button>{' '}
          <span className="hint">{offline ? 'Offline mode is on: turn it off to download.' : 'into the Hugging Face cache; the run can start once it is there.'}</span>
        </p>
      )}
      {description && (
        <dl className="facts">
          <dt>Weights</dt>
          <dd data-testid="model-availability">
            {!description.pretrained ? 'random (architecture only)' : description.available ? `pretrained, on this machine${description.commit ? ` (commit ${description.commit.slice(0, 10)})` : ''}` : 'pretrained, not downloaded yet'}
          </dd>
          {description.shape && (
            <>
              <dt>Shape</dt>
              <dd>
                {description.shape.layers} layers · {description.shape.hiddenSize} hidden · {description.shape.heads} heads · {compactCount(description.shape.parameters)} parameters
              </dd>
            </>
          )}
          {description.tokenizer && (
            <>
              <dt>Tokenizer</dt>
              <dd>
                {description.tokenizer.source === 'preset' ? 'bert-base-uncased vocabulary' : description.tokenizer.source === 'none' ? 'none' : `the checkpoint's ${description.tokenizer.source}`}
                {description.tokenizer.lowercase !== undefined && ` · ${description.tokenizer.lowercase ? 'lowercases' : 'keeps case'}`}
              </dd>
            </>
          )}
          {description.newWeights.length > 0 && (
            <>
              <dt>New weights</dt>
              <dd data-testid="new-weights">{description.newWeights.join(', ')} newly initialised (the checkpoint has no such head): normal(0, 0.02) with zero biases, as Transformers does; fine-tuning trains them.</dd>
            </>
          )}
        </dl>
      )}
      {description?.notes.map((note) => (
        <p key={note} className="hint">
          {note}
        </p>
      ))}
    </section>
  );
}
