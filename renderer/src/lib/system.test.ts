import { describe, expect, it } from 'vitest';
import { systemSeries } from './system';

describe('systemSeries', () => {
  it('puts samples on a seconds axis in percent and GiB, GPU only when measured', () => {
    const GiB = 1024 ** 3;
    const series = systemSeries([
      { time: '2026-12-01T10:00:00.000Z', elapsed_s: 0, cpu_percent: 50, memory_used_bytes: 4 * GiB, memory_total_bytes: 16 * GiB, process_rss_bytes: GiB },
      { time: '2026-12-01T10:00:02.000Z', elapsed_s: 2, cpu_percent: 90, process_cpu_percent: 45, memory_used_bytes: 5 * GiB, memory_total_bytes: 16 * GiB, process_rss_bytes: 2 * GiB },
    ]);
    expect(series.cpu).toEqual([{ x: 0, y: 50 }, { x: 2, y: 90 }]);
    expect(series.processCpu).toEqual([{ x: 2, y: 45 }]);
    expect(series.processMemory).toEqual([{ x: 0, y: 1 }, { x: 2, y: 2 }]);
    expect(series.memoryTotal).toBe(16);
    expect(series.gpuMemory).toEqual([]);
    expect(series.gpuMemoryTotal).toBeUndefined();
  });
});
