// The training worker: a separate process per run, so that training never blocks the
// UI and a crash takes down only this process. It runs one job and exits; the run folder
// (written as the job goes) is the truth, and events are relayed for the live view.
import { RunStore } from '../runs/run-store';
import { runTrainingJob } from '../runs/training-job';
import { answerLatency } from './latency-task';
import type { ParentToWorker, WorkerToParent } from './protocol';

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

/** Electron's utilityProcess has process.parentPort; a Node child has process.send. */
function parentChannel(): { send(message: WorkerToParent): void; onMessage(listener: (message: ParentToWorker) => void): void } {
  const port = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (port) {
    return {
      send: (message) => port.postMessage(message),
      onMessage: (listener) => port.on('message', (event) => listener(event.data as ParentToWorker)),
    };
  }
  if (!process.send) throw new Error('training-worker.ts must be started by the workbench service (no IPC channel)');
  return {
    // A parent that is gone cannot be told anything; 'disconnect' below ends this process.
    send: (message) => {
      if (process.connected) process.send!(message, () => {});
    },
    onMessage: (listener) => process.on('message', (message) => listener(message as ParentToWorker)),
  };
}

const parent = parentChannel();
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
  if (message.type === 'latency' && !started) {
    started = true;
    void answerLatency(message.request, parent.send).finally(() => setTimeout(() => process.exit(), 50));
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
