// Fine-tuning from a preset starts from random weights and will not learn language; the
// pretrained checkpoint of the same shape is one click away.
import { downloadKey, startsFromRandomWeights, type ModelChoice } from '../../lib/model-source';
import { useWorkbench } from '../../store';

export function RandomWeightsWarning({ model, task }: { model: ModelChoice; task: string }) {
  const presets = useWorkbench((s) => s.presets);
  const cached = useWorkbench((s) => s.cachedModels);
  const offline = useWorkbench((s) => s.hubSettings?.offline ?? false);
  const downloading = useWorkbench((s) => s.downloads);
  const setDraftModel = useWorkbench((s) => s.setDraftModel);
  const startDownload = useWorkbench((s) => s.startDownload);
  if (!('preset' in model) || !startsFromRandomWeights(model, task)) return null;
  const twin = presets.find((p) => p.id === model.preset)?.pretrained;
  const useTwin = () => {
    if (!twin) return;
    setDraftModel({ hub: twin.hubId, revision: 'main' });
    const have = cached.some((m) => m.hubId === twin.hubId && m.usable) || downloading[downloadKey(twin.hubId)]?.status === 'downloading';
    if (!have && !offline) void startDownload(twin.hubId);
  };
  return (
    <div className="warning" role="alert" data-testid="random-weights-warning">
      <strong>Random weights.</strong> {model.preset} is an architecture only: a {task} run from random weights will not learn language from your data, and
      its results stay near chance. Presets are for pre-training from scratch.
      {twin && (
        <>
          {' '}
          <button type="button" className="primary" onClick={useTwin} data-testid="use-pretrained">
            Use {twin.name} ({twin.hubId}) instead
          </button>
        </>
      )}
    </div>
  );
}
