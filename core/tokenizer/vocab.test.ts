import { describe, expect, it } from 'vitest';
import { Vocab } from './vocab';

describe('Vocab', () => {
  it('numbers tokens by line, ignoring the final line break and Windows line endings', () => {
    const vocab = Vocab.parse('[PAD]\r\n[UNK]\r\nhello\r\n##ing\r\n');
    expect(vocab.size).toBe(4);
    expect(vocab.id('hello')).toBe(2);
    expect(vocab.token(3)).toBe('##ing');
    expect(vocab.id('missing')).toBeUndefined();
    expect(vocab.token(4)).toBeUndefined();
    expect(vocab.longestTokenLength).toBe(5);
  });

  it('gives a token listed twice the id of its last line, as BERT does', () => {
    expect(Vocab.parse('a\nb\na').id('a')).toBe(2);
  });

  it('refuses an empty vocabulary', () => {
    expect(() => Vocab.parse('')).toThrow(/empty/);
  });
});
