// "Evaluate on a test file" from the service's side: each evaluation runs in a worker
// process of its own (the training worker, given an `evaluate` message), so that a large
// model on a large file never stalls the service, and a crash takes down only that process.
import type { RunEvaluation } from '../contract';
import type { WorkerHandle, WorkerLauncher } from '../worker/launcher';
import type { WorkerToParent } from '../worker/protocol';
import { ServiceError } from './host';

export class TestEvaluations {
  private readonly running = new Set<string>();
  private readonly workers = new Set<WorkerHandle>();

  constructor(
    private readonly launch: WorkerLauncher,
    private readonly runsRoot: string,
  ) {}

  /** One at a time per run; the result is also kept in the run folder (evaluations/test). */
  async evaluate(runId: string, file: string): Promise<RunEvaluation> {
    if (this.running.has(runId)) throw new ServiceError('this run is already being evaluated on a file; wait for it to finish');
    this.running.add(runId);
    try {
      return await this.inWorker(runId, file);
    } finally {
      this.running.delete(runId);
    }
  }

  /** The app is quitting: evaluations in progress end with their processes. */
  close(): void {
    for (const worker of this.workers) worker.kill();
  }

  private inWorker(runId: string, file: string): Promise<RunEvaluation> {
    return new Promise((resolve, reject) => {
      const worker = this.launch();
      this.workers.add(worker);
      let settled = false;
      worker.onMessage((raw) => {
        const message = raw as WorkerToParent;
        if (message.type === 'evaluation') {
          settled = true;
          resolve(message.evaluation);
        } else if (message.type === 'evaluation-failed') {
          settled = true;
          reject(new ServiceError(message.message));
        }
      });
      worker.onExit((code, signal) => {
        this.workers.delete(worker);
        if (!settled) reject(new ServiceError(`the evaluation process ended before it finished (${signal ?? `exit code ${code}`})`));
      });
      worker.send({ type: 'evaluate', runsRoot: this.runsRoot, runId, file });
    });
  }
}
