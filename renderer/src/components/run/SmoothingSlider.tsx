import { useWorkbench } from '../../store';

/** TensorBoard's smoothing slider: EMA weight 0 (raw) … 0.99. */
export function SmoothingSlider() {
  const smoothing = useWorkbench((s) => s.smoothing);
  const setSmoothing = useWorkbench((s) => s.setSmoothing);
  return (
    <label className="inline-field slider">
      Smoothing
      <input type="range" min={0} max={0.99} step={0.01} value={smoothing} onChange={(e) => setSmoothing(Number(e.target.value))} data-testid="smoothing" />
      <output>{smoothing.toFixed(2)}</output>
    </label>
  );
}
