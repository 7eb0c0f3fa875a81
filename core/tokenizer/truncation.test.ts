import { describe, expect, it } from 'vitest';
import { keptLengths, truncationWindows, TruncationError } from './truncation';

describe('keptLengths', () => {
  it('longest_first: cuts only the longer sequence when that suffices, else both to half (Hugging Face table, budget 7)', () => {
    // [first, second] -> [kept first, kept second], the cases of tokenizers' own test.
    const table: [number, number, number, number][] = [
      [0, 0, 0, 0], [0, 2, 0, 2], [0, 4, 0, 4], [0, 8, 0, 7],
      [2, 0, 2, 0], [2, 2, 2, 2], [2, 4, 2, 4], [2, 8, 2, 5],
      [4, 0, 4, 0], [4, 2, 4, 2], [4, 4, 3, 4], [4, 8, 3, 4],
      [8, 0, 7, 0], [8, 2, 5, 2], [8, 4, 4, 3], [8, 8, 3, 4],
    ];
    for (const [first, second, keptFirst, keptSecond] of table) {
      expect(keptLengths('longest_first', 7, first, second), `${first}+${second}`).toEqual([keptFirst, keptSecond]);
    }
  });

  it('longest_first on one sequence keeps the budget', () => {
    expect(keptLengths('longest_first', 5, 9)).toEqual([5, undefined]);
    expect(keptLengths('longest_first', 5, 5)).toEqual([5, undefined]);
  });

  it('only_first / only_second shorten one sequence, at the boundary exactly', () => {
    expect(keptLengths('only_second', 7, 3, 4)).toEqual([3, 4]); // fits exactly
    expect(keptLengths('only_second', 7, 3, 5)).toEqual([3, 4]); // one over
    expect(keptLengths('only_first', 7, 8, 2)).toEqual([5, 2]);
    expect(keptLengths('only_first', 7, 8)).toEqual([7, undefined]);
  });

  it('refuses to cut a sequence to nothing, or the second when there is none', () => {
    // 3 must go and the second has exactly 3: Hugging Face refuses rather than empty it.
    expect(() => keptLengths('only_second', 7, 7, 3)).toThrow(TruncationError);
    expect(() => keptLengths('only_second', 7, 7, 3)).toThrow(/3 tokens must be removed but the second sequence has 3/);
    expect(() => keptLengths('only_second', 7, 8, 0)).toThrow(/second sequence has 0/);
    expect(() => keptLengths('only_first', 7, 2, 9)).toThrow(/first sequence has 2.*'only_second'/);
    expect(() => keptLengths('only_second', 7, 9)).toThrow(/needs a second sequence/);
  });

  it('with no room at all empties both, whatever the strategy', () => {
    expect(keptLengths('only_first', 0, 4, 4)).toEqual([0, 0]);
    expect(keptLengths('longest_first', 0, 4)).toEqual([0, undefined]);
  });
});

describe('truncationWindows', () => {
  it('is one window when the sequence fits', () => {
    expect(truncationWindows(5, 5, 2)).toEqual([[0, 5]]);
    expect(truncationWindows(0, 3, 0)).toEqual([[0, 0]]);
  });

  it('cuts adjacent windows without stride', () => {
    expect(truncationWindows(7, 3, 0)).toEqual([[0, 3], [3, 6], [6, 7]]);
  });

  it('repeats exactly `stride` tokens between windows, the last reaching the end (tokenizers: truncate(4, 2) of 5)', () => {
    expect(truncationWindows(5, 4, 2)).toEqual([[0, 4], [2, 5]]);
    const windows = truncationWindows(23, 8, 3);
    expect(windows).toEqual([[0, 8], [5, 13], [10, 18], [15, 23]]);
    for (let i = 1; i < windows.length; i++) expect(windows[i - 1]![1] - windows[i]![0]).toBe(3);
  });

  it('moves everything into one overflowing window when nothing may stay', () => {
    expect(truncationWindows(4, 0, 0)).toEqual([[0, 0], [0, 4]]);
  });

  it('refuses a stride that would never advance', () => {
    expect(() => truncationWindows(10, 3, 3)).toThrow(/stride 3 must be smaller than the 3 tokens/);
  });
});
