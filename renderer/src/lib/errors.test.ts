import { describe, expect, it } from 'vitest';
import { errorMessage } from './errors';

describe('errorMessage', () => {
  it('uses the message and names the action', () => {
    expect(errorMessage(new Error('no such file'), 'Could not inspect the data')).toBe('Could not inspect the data: no such file');
  });

  it('turns an unknown method into a sentence', () => {
    expect(errorMessage({ code: 'unknown_method', message: 'unknown method "runs.list"' })).toBe(
      'the service does not offer "runs.list" yet (an older or unfinished service)',
    );
  });

  it('never shows a stack', () => {
    expect(errorMessage(new Error('internal error: boom\n    at foo (x.ts:1:1)'))).toBe('boom');
    expect(errorMessage(42)).toBe('something went wrong');
  });
});
