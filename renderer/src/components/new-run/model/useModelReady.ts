// Whether the draft's model can start a run now: a Hub model must be on this machine
// first (its download shows on the Model step); folders and presets always can.
import { useEffect } from 'react';
import { bytes, percent } from '../../../format';
import { downloadKey, modelKey } from '../../../lib/model-source';
import type { RunDraft } from '../../../lib/run-config';
import { useWorkbench } from '../../../store';

export interface ModelReadiness {
  ready: boolean;
  /** Why not, for the person. */
  why?: string;
}

export function useModelReady(draft: RunDraft | null): ModelReadiness {
  const model = draft?.model;
  const task = draft?.task ?? 'classification';
  const key = model ? modelKey(model, task) : '';
  const entry = useWorkbench((s) => (key ? s.descriptions[key] : undefined));
  const download = useWorkbench((s) => (model && 'hub' in model ? s.downloads[downloadKey(model.hub, model.revision)] : undefined));
  const describeModel = useWorkbench((s) => s.describeModel);
  useEffect(() => {
    if (model && 'hub' in model && !entry) void describeModel(model, task);
  }, [key, entry]); // a finished download clears the entry: look again
  if (!model || !('hub' in model)) return { ready: true };
  if (entry?.description?.available) return { ready: true };
  if (download?.status === 'downloading') {
    const share = download.totalBytes ? ` ${percent(download.bytes / download.totalBytes)} of ${bytes(download.totalBytes)}` : '';
    return { ready: false, why: `Downloading ${model.hub}…${share}; the run can start when it is on this machine.` };
  }
  if (entry?.error) return { ready: false, why: entry.error };
  if (!entry) return { ready: false, why: `Looking for ${model.hub} in the Hugging Face cache…` };
  return { ready: false, why: `${model.hub} is not downloaded yet: download it on the Model step.` };
}
