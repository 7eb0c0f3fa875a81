// A backend's raw failure becomes a sentence that says what ran out and what to change.
import { describe, expect, it } from 'vitest';
import { describeBackendFailure } from './failures';

describe('backend failures in words', () => {
  it("names wasm's heap for an Emscripten abort", () => {
    const failure = describeBackendFailure(new Error('Aborted(). Build with -sASSERTIONS for more info.'), 'wasm');
    expect(failure?.message).toMatch(/^the wasm backend ran out of its memory \(WebAssembly's heap stops at 4 GiB\); it said “Aborted\(\)\. Build with -sASSERTIONS for more info\.”: lower batch_size .*npm run build:native/);
    expect(describeBackendFailure(new Error('RuntimeError: memory access out of bounds'), 'wasm')?.message).toMatch(/ran out of its memory/);
  });

  it('names exhausted machine memory on the CPU backends, and leaves other errors alone', () => {
    expect(describeBackendFailure(new RangeError('Array buffer allocation failed'), 'native-cpu')?.message).toMatch(/^the native-cpu backend could not allocate memory/);
    expect(describeBackendFailure(new Error('training.learning_rate must be > 0, got -1'), 'wasm')).toBeUndefined();
  });
});
