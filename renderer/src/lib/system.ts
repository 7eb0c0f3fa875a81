// The system panel's curves from the service's samples: seconds since the first sample
// on the x axis (a resumed run continues the same clock), CPU in percent of the whole
// machine, memory in GiB.
import type { SystemSample } from '../../../electron/contract';
import type { Point } from './metrics';

const GIB = 1024 ** 3;

export interface SystemSeries {
  cpu: Point[];
  processCpu: Point[];
  memory: Point[];
  processMemory: Point[];
  gpuMemory: Point[];
  /** GiB, for the chart's reference: all memory, and all GPU memory when there is a GPU. */
  memoryTotal?: number;
  gpuMemoryTotal?: number;
}

export function systemSeries(samples: readonly SystemSample[]): SystemSeries {
  const start = samples.length > 0 ? Date.parse(samples[0]!.time) : 0;
  const at = (sample: SystemSample) => (Date.parse(sample.time) - start) / 1000;
  const points = (pick: (s: SystemSample) => number | undefined, scale = 1): Point[] =>
    samples.flatMap((s) => {
      const value = pick(s);
      return value === undefined || !Number.isFinite(value) ? [] : [{ x: at(s), y: value / scale }];
    });
  const last = samples.at(-1);
  const series: SystemSeries = {
    cpu: points((s) => s.cpu_percent),
    processCpu: points((s) => s.process_cpu_percent),
    memory: points((s) => s.memory_used_bytes, GIB),
    processMemory: points((s) => s.process_rss_bytes, GIB),
    gpuMemory: points((s) => s.gpu_memory_used_bytes, GIB),
  };
  if (last) series.memoryTotal = last.memory_total_bytes / GIB;
  if (last?.gpu_memory_total_bytes) series.gpuMemoryTotal = last.gpu_memory_total_bytes / GIB;
  return series;
}
