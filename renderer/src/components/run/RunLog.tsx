import { useEffect, useRef } from 'react';
import type { LogLine } from '../../store/runs-slice';

export function RunLog({ lines }: { lines: LogLine[] }) {
  const box = useRef<HTMLPreElement>(null);
  useEffect(() => {
    const el = box.current;
    if (el) el.scrollTop = el.scrollHeight;
  }, [lines.length]);
  if (lines.length === 0) return <p className="hint">No log lines yet: the service keeps them in the run folder (log.jsonl) as the run goes.</p>;
  return (
    <pre className="log" ref={box} data-testid="run-log" tabIndex={0}>
      {lines.map((l, i) => (
        <div key={i} className={`log-${l.level}`}>
          <span className="log-time">{l.time.slice(11, 19)}</span> {l.message}
        </div>
      ))}
    </pre>
  );
}
