import { describe, expect, it } from 'vitest';
import { bytesToBase64 } from './base64';

describe('bytesToBase64', () => {
  it('matches Node for every padding case', () => {
    for (const text of ['', 'a', 'ab', 'abc', 'abcd', 'héllo wörld ✓', 'label\ttext\n1\tgood\n']) {
      const bytes = new TextEncoder().encode(text);
      expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
    }
  });

  it('handles files larger than one chunk, with arbitrary bytes', () => {
    const bytes = new Uint8Array(3 * 16384 * 2 + 7);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 131 + 7) & 255;
    expect(bytesToBase64(bytes)).toBe(Buffer.from(bytes).toString('base64'));
  });
});
