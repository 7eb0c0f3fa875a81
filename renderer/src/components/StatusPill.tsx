import type { RunStatus } from '../../../electron/contract';

export function StatusPill({ status }: { status: RunStatus }) {
  return (
    <span className={`status status-${status}`} data-testid="run-status">
      {status}
    </span>
  );
}
