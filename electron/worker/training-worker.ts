// The training worker: a separate process per run, so that training never blocks the
// UI and a crash takes down only this process. It runs one job and exits; the run folder
// (written as the job goes) is the truth, and events are relayed for the live view.
import { runBackendProbe } from '../runs/backend-probe';
import { RunStore } from '../runs/run-store';
import { runTrainingJob } from '../runs/training-job';
import { parentChannel } from './parent-channel';
import type { ParentToWorker, WorkerToParent } from './protocol';

const parent = parentChannel<ParentToWorker, WorkerToParent>('training-worker.ts');
// If the service dies (killed, crashed), so does its worker: an orphan would go on writing
// a run that the restarted service has already marked interrupted.
process.on('disconnect', () => process.exit(1));
let cancelled = false;
let started = false;

parent.onMessage((message) => {
  if (message.type === 'cancel') {
    cancelled = true;
    return;
  }
  if (message.type === 'probe' && !started) {
    started = true;
    runBackendProbe()
      .then((result) => parent.send({ type: 'probe', result }))
      .catch((error: unknown) => parent.send({ type: 'probe-failed', message: error instanceof Error ? error.message : String(error) }))
      .finally(() => setTimeout(() => process.exit(), 50));
    return;
  }
  if (message.type !== 'start' || started) return;
  started = true;
  const store = new RunStore(message.runsRoot);
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
