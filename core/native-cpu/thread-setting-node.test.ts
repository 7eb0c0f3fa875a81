// WORKBENCH_THREADS: the native kernels' thread count, refused by name when it is not one.
import { describe, expect, it } from 'vitest';
import { threadSetting } from './native-cpu-node';

describe('WORKBENCH_THREADS', () => {
  it('is every core when unset or empty, else the whole number given', () => {
    expect(threadSetting(undefined)).toBeUndefined();
    expect(threadSetting(' ')).toBeUndefined();
    expect(threadSetting('3')).toBe(3);
  });

  it.each(['0', '1.5', 'two', '1000'])('refuses "%s", naming the setting', (value) => {
    expect(() => threadSetting(value)).toThrow(`WORKBENCH_THREADS must be a whole number from 1 to 256, got "${value}"`);
  });
});
