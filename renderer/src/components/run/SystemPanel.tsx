// CPU, memory and (with an NVIDIA GPU) GPU memory over the run's training, sampled by the
// service every few seconds while it trains; kept in the run folder, so they reload.
import { memo, useEffect } from 'react';
import type { SystemSample } from '../../../../electron/contract';
import { metric } from '../../format';
import { seriesColor } from '../../lib/highlight';
import { systemSeries } from '../../lib/system';
import { useWorkbench } from '../../store';
import { SeriesChart } from '../charts/SeriesChart';

const NO_SAMPLES: SystemSample[] = [];

export const SystemPanel = memo(function SystemPanel({ runId, live }: { runId: string; live: boolean }) {
  const samples = useWorkbench((s) => s.systemSamples[runId] ?? NO_SAMPLES);
  const loadSystemSamples = useWorkbench((s) => s.loadSystemSamples);
  useEffect(() => {
    void loadSystemSamples(runId);
  }, [runId, loadSystemSamples]);
  if (samples.length === 0) {
    return (
      <p className="empty note-box" data-testid="system-empty">
        {live ? 'The first sample arrives a few seconds after training starts.' : 'No samples: the machine is sampled while a run trains in the app.'}
      </p>
    );
  }
  const series = systemSeries(samples);
  const last = samples.at(-1)!;
  return (
    <div className="chart-grid" data-testid="system-panel">
      <section className="chart-card">
        <h3>CPU (% of all cores)</h3>
        <SeriesChart
          x="elapsed_s"
          height={170}
          legend
          testId="system-cpu-chart"
          series={[
            { name: 'machine', color: seriesColor(0), points: series.cpu },
            ...(series.processCpu.length ? [{ name: 'training process', color: seriesColor(1), points: series.processCpu }] : []),
          ]}
        />
      </section>
      <section className="chart-card">
        <h3>
          Memory (GiB{series.memoryTotal ? ` of ${metric(series.memoryTotal)}` : ''})
        </h3>
        <SeriesChart
          x="elapsed_s"
          height={170}
          legend
          testId="system-memory-chart"
          series={[
            { name: 'machine in use', color: seriesColor(2), points: series.memory },
            ...(series.processMemory.length ? [{ name: 'training process', color: seriesColor(3), points: series.processMemory }] : []),
          ]}
        />
      </section>
      {series.gpuMemory.length > 0 && (
        <section className="chart-card">
          <h3>GPU memory (GiB of {metric(series.gpuMemoryTotal)})</h3>
          <SeriesChart x="elapsed_s" height={170} testId="system-gpu-chart" series={[{ name: 'GPU memory in use', color: seriesColor(4), points: series.gpuMemory }]} />
        </section>
      )}
      <p className="hint">
        Latest: CPU {metric(last.cpu_percent)}%{last.process_rss_bytes ? `, training process ${metric(last.process_rss_bytes / 1024 ** 3)} GiB` : ''}
        {last.gpu_memory_used_bytes === undefined ? ' · no GPU memory reported (nvidia-smi not found)' : ''}
      </p>
    </div>
  );
});
