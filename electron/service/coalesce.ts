// Step events arrive as fast as training runs (hundreds a second on small models); the UI
// needs at most ~20 updates a second. Rows are batched per interval — none is dropped, so
// the chart still gets every point — while every other event flushes what is pending
// first, keeping the order a person would read them in.

export interface Coalescer<Row> {
  /** Queues a row; it goes out with the next flush. */
  push(row: Row): void;
  /** Sends pending rows now (before an event that must follow them). */
  flush(): void;
  dispose(): void;
}

export function coalesce<Row>(intervalMs: number, send: (rows: Row[]) => void): Coalescer<Row> {
  let pending: Row[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let lastSent = -Infinity;

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    const rows = pending;
    pending = [];
    lastSent = Date.now();
    send(rows);
  };

  return {
    push(row) {
      pending.push(row);
      if (timer) return;
      const wait = Math.max(0, lastSent + intervalMs - Date.now());
      timer = setTimeout(flush, wait);
    },
    flush,
    dispose() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      pending = [];
    },
  };
}
