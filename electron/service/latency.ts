// runs.latency: finished models timed on this machine, in a worker process (the service
// stays responsive), one measurement at a time (two would slow each other), each model's
// forward passes interleaved with the others' (electron/runs/model-latency.ts).
import type { LatencyReport } from '../contract';
import type { RunStore } from '../runs/run-store';
import type { WorkerLauncher } from '../worker/launcher';
import type { WorkerToParent } from '../worker/protocol';
import { finishedModelDir } from './finished-model';
import { ServiceError } from './host';

/** Long enough for BERT-Large at batch 8 on two cores; a worker past it is killed. */
const MEASURE_TIMEOUT_MS = 10 * 60_000;
const DEFAULT_SEQ_LEN = 128;

export interface LatencyMeterOptions {
  store: RunStore;
  launch: WorkerLauncher;
  /** Whether a training run is using the machine now. */
  isTraining: () => Promise<boolean>;
  timeoutMs?: number;
}

export class LatencyMeter {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: LatencyMeterOptions) {}

  measure(ids: readonly string[], seqLen = DEFAULT_SEQ_LEN): Promise<LatencyReport> {
    const next = this.queue.then(() => this.measureNow([...new Set(ids)], seqLen));
    this.queue = next.catch(() => {});
    return next;
  }

  private async measureNow(ids: string[], seqLen: number): Promise<LatencyReport> {
    const models = await Promise.all(ids.map(async (id) => ({ id, dir: await finishedModelDir(this.options.store, id) })));
    const trainingBefore = await this.options.isTraining();
    const report = await this.inWorker({ models, seqLen });
    return { ...report, disturbed: trainingBefore || (await this.options.isTraining()) };
  }

  private inWorker(request: { models: { id: string; dir: string }[]; seqLen: number }): Promise<Omit<LatencyReport, 'disturbed'>> {
    return new Promise((resolve, reject) => {
      const worker = this.options.launch();
      let settled = false;
      const settle = (finish: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        finish();
      };
      const timer = setTimeout(() => {
        settle(() => reject(new ServiceError(`measuring took more than ${Math.round((this.options.timeoutMs ?? MEASURE_TIMEOUT_MS) / 60_000)} minutes and was stopped`)));
        worker.kill();
      }, this.options.timeoutMs ?? MEASURE_TIMEOUT_MS);
      worker.onMessage((raw) => {
        const message = raw as WorkerToParent;
        if (message.type === 'latency') settle(() => resolve(message.report));
        else if (message.type === 'latency-failed') settle(() => reject(new ServiceError(`could not measure: ${message.message}`)));
      });
      worker.onExit((code, signal) => settle(() => reject(new ServiceError(`the measuring process ended before it answered (${signal ?? `exit code ${code}`})`))));
      worker.send({ type: 'latency', request });
    });
  }
}
