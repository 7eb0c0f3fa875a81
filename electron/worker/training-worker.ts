// The training worker: a separate process per run, so that training never blocks the
// UI and a crash takes down only this process. It runs one job and exits; the run folder
// (written as the job goes) is the truth, and events are relayed for the live view.
import { runBackendProbe } from '../runs/backend-probe';
import { initNodeBackend } from '../../core/backend/node-backends';
import { RunStore } from '../runs/run-store';
import { evaluateRunOnFile } from '../runs/test-evaluation';
import { runTrainingJob } from '../runs/training-job';
import { answerLatency } from './latency-task';
import { parentChannel } from './parent-channel';
import type { ParentToWorker, WorkerToParent } from './protocol';

const parent = parentChannel<ParentToWorker, WorkerToParent>('training-worker.ts');
// If the service dies (killed, crashed), so does its worker: an orphan would go on writing
// a run that the restarted service has already marked interrupted.
process.on('disconnect', () => process.exit(1));
let cancelled = false;
let started = false;
let training: { store: RunStore; runId: string } | undefined;

/** Runs one test-file evaluation, reports it and exits. */
function evaluate(message: Extract<ParentToWorker, { type: 'evaluate' }>): void {
  initNodeBackend()
    .then(() => evaluateRunOnFile(new RunStore(message.runsRoot), message.runId, message.file))
    .then(
      (evaluation) => parent.send({ type: 'evaluation', evaluation }),
      (error: unknown) => parent.send({ type: 'evaluation-failed', message: error instanceof Error ? error.message : String(error) }),
    )
    .finally(() => setTimeout(() => process.exit(), 50));
}

parent.onMessage((message) => {
  if (message.type === 'cancel') {
    cancelled = true;
    return;
  }
  if (message.type === 'update') {
    // This process is run.json's writer while it trains; a failed write loses only the edit.
    if (training) void training.store.update(training.runId, message.patch).catch(() => {});
    return;
  }
  if (started) return;
  if (message.type === 'evaluate') {
    started = true;
    evaluate(message);
    return;
  }
  if (message.type === 'probe') {
    started = true;
    runBackendProbe()
      .then((result) => parent.send({ type: 'probe', result }))
      .catch((error: unknown) => parent.send({ type: 'probe-failed', message: error instanceof Error ? error.message : String(error) }))
      .finally(() => setTimeout(() => process.exit(), 50));
    return;
  }
  if (message.type === 'latency') {
    started = true;
    void answerLatency(message.request, (reply) => parent.send(reply)).finally(() => setTimeout(() => process.exit(), 50));
    return;
  }
  if (message.type !== 'start') return;
  started = true;
  const store = new RunStore(message.runsRoot);
  training = { store, runId: message.runId };
  runTrainingJob({
    store,
    runId: message.runId,
    resume: message.resume,
    onEvent: (event) => parent.send({ type: 'event', event }),
    shouldStop: () => cancelled,
  })
    .catch((error: unknown) => {
      // runTrainingJob records failures in run.json itself; this is the last resort.
      console.error(`training worker: ${error instanceof Error ? error.message : String(error)}`);
      process.exitCode = 1;
    })
    .finally(() => {
      parent.send({ type: 'finished' });
      // Let the message flush, then go: the worker holds tensors nobody else needs.
      setTimeout(() => process.exit(), 50);
    });
});
