// What a person sees when something fails: one readable sentence, never a stack.

interface CodedError {
  code?: unknown;
  message?: unknown;
}

export function errorMessage(error: unknown, action?: string): string {
  const e = (typeof error === 'object' && error !== null ? error : {}) as CodedError;
  let message = typeof e.message === 'string' ? e.message : typeof error === 'string' ? error : 'something went wrong';
  if (e.code === 'unknown_method') {
    const method = /"([^"]+)"/.exec(message)?.[1];
    message = `the service does not offer ${method ? `"${method}"` : 'this'} yet (an older or unfinished service)`;
  }
  // Keep the first line only: multi-line messages are stack traces or dumps.
  message = message.split('\n')[0]!.replace(/^internal error: /, '').trim();
  return action ? `${action}: ${message}` : message;
}
