import { describe, expect, it } from 'vitest';
import { entitySpansFromTags, entityTypes, segmentText, typeColor } from './highlight';

describe('entitySpansFromTags', () => {
  it('reads IOB2 spans, including adjacent entities and a stray I-', () => {
    expect(entitySpansFromTags(['B-PER', 'I-PER', 'O', 'B-LOC', 'B-LOC', 'I-ORG'])).toEqual([
      { type: 'PER', start: 0, end: 2 },
      { type: 'LOC', start: 3, end: 4 },
      { type: 'LOC', start: 4, end: 5 },
      { type: 'ORG', start: 5, end: 6 },
    ]);
    expect(entitySpansFromTags(['O', 'O'])).toEqual([]);
  });
});

describe('entityTypes', () => {
  it('collects the types of the labels, sorted', () => {
    expect(entityTypes(['O', 'B-person', 'I-person', 'B-location'])).toEqual(['location', 'person']);
  });
});

describe('segmentText', () => {
  it('splits around the spans', () => {
    expect(segmentText('Paris is in France', [{ start: 12, end: 18, mark: 'LOC' }, { start: 0, end: 5, mark: 'LOC' }])).toEqual([
      { text: 'Paris', mark: 'LOC' },
      { text: ' is in ' },
      { text: 'France', mark: 'LOC' },
    ]);
  });

  it('drops overlapping and out-of-range spans', () => {
    expect(segmentText('abc', [{ start: 0, end: 2, mark: 1 }, { start: 1, end: 3, mark: 2 }, { start: 2, end: 9, mark: 3 }])).toEqual([
      { text: 'ab', mark: 1 },
      { text: 'c' },
    ]);
  });
});

describe('typeColor', () => {
  it('is stable per type', () => {
    expect(typeColor('PER', ['LOC', 'PER'])).toBe(typeColor('PER', ['LOC', 'PER']));
    expect(typeColor('PER', ['LOC', 'PER'])).not.toBe(typeColor('LOC', ['LOC', 'PER']));
  });
});
