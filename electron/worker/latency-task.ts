// The worker's other job: timing finished models for runs.latency, in a process of its
// own so that the service stays responsive while forward passes run.
import { measureLatency, type LatencyRequest } from '../runs/model-latency';
import type { WorkerToParent } from './protocol';

export async function answerLatency(request: LatencyRequest, send: (message: WorkerToParent) => void): Promise<void> {
  try {
    send({ type: 'latency', report: await measureLatency(request) });
  } catch (error) {
    send({ type: 'latency-failed', message: error instanceof Error ? error.message : String(error) });
  }
}
