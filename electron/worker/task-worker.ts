// A task worker: a long-lived process that answers the service's calls (task-protocol.ts)
// one message at a time, concurrently. The service keeps one per kind of work and ends
// it when idle, which also gives its memory back (a large data set, a loaded model).
import { replyMessage } from '../service/host';
import { parentChannel } from './parent-channel';
import { taskHandlers } from './task-handlers';
import type { ServiceToTaskWorker, TaskWorkerToService } from './task-protocol';

const parent = parentChannel<ServiceToTaskWorker, TaskWorkerToService>('task-worker.ts');
// An orphan has nobody to answer.
process.on('disconnect', () => process.exit(1));
// One failed call must not end the calls running beside it.
process.on('unhandledRejection', (reason) => console.error(`task worker: ${replyMessage(reason)}`));

const handlers = taskHandlers();

parent.onMessage((message) => {
  if (message.type !== 'call') return;
  const handler = handlers[message.task] as ((params: unknown) => Promise<unknown>) | undefined;
  const answer = handler ? Promise.resolve().then(() => handler(message.params)) : Promise.reject(new Error(`unknown task "${String(message.task)}"`));
  answer.then(
    (result) => {
      try {
        parent.send({ type: 'result', id: message.id, result });
      } catch (error) {
        parent.send({ type: 'error', id: message.id, message: `internal error: the result could not be sent: ${replyMessage(error)}` });
      }
    },
    (error: unknown) => parent.send({ type: 'error', id: message.id, message: replyMessage(error) }),
  );
});
