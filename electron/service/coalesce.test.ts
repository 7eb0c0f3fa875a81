import { describe, expect, it, vi } from 'vitest';
import { coalesce } from './coalesce';

describe('coalesce', () => {
  it('sends at most one batch per interval and drops no row', () => {
    vi.useFakeTimers();
    const batches: number[][] = [];
    const c = coalesce<number>(50, (rows) => batches.push(rows));
    for (let i = 0; i < 1000; i++) {
      c.push(i);
      vi.advanceTimersByTime(1); // 1,000 rows over one second
    }
    vi.advanceTimersByTime(100);
    expect(batches.length).toBeLessThanOrEqual(21);
    expect(batches.length).toBeGreaterThanOrEqual(19);
    expect(batches.flat()).toEqual(Array.from({ length: 1000 }, (_, i) => i));
    vi.useRealTimers();
  });

  it('flushes pending rows on demand, before another event', () => {
    vi.useFakeTimers();
    const batches: string[][] = [];
    const c = coalesce<string>(50, (rows) => batches.push(rows));
    c.push('a');
    c.push('b');
    c.flush();
    expect(batches).toEqual([['a', 'b']]);
    vi.advanceTimersByTime(100);
    expect(batches).toHaveLength(1);
    c.dispose();
    vi.useRealTimers();
  });
});
