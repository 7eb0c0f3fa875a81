import { useWorkbench } from '../store';

/** Always visible: which TensorFlow.js backend trains, and why (DESIGN: always show it). */
export function BackendBadge() {
  const system = useWorkbench((s) => s.system);
  if (!system) return null;
  const { backend } = system;
  return (
    <div className={backend.name ? 'badge' : 'badge badge-error'} title={`${backend.description} — ${backend.reason}`} data-testid="backend-badge">
      <span className="badge-label">Backend</span>
      <span className="badge-value" data-testid="backend-name">
        {backend.name ?? 'none'}
      </span>
    </div>
  );
}
