import { describe, expect, it } from 'vitest';
import { compactRanges, describeFrozen, encoderBlocks, frozenLayers, isBlockFrozen, lrScale, toggleBlock, type FreezeSettings } from './layers';

const none: FreezeSettings = { freeze_embeddings: false, freeze_layers: 0, frozen_layers: [], train_head_only: false };

describe('encoder blocks', () => {
  it('lists embeddings, every layer, pooler and head bottom to top', () => {
    expect(encoderBlocks(2).map((b) => (b.kind === 'layer' ? `layer${b.index}` : b.kind))).toEqual(['embeddings', 'layer0', 'layer1', 'pooler', 'head']);
  });
});

describe('toggleBlock', () => {
  it('freezing a layer adds it to frozen_layers, sorted', () => {
    let s = toggleBlock({ kind: 'layer', index: 3 }, none, 4);
    s = toggleBlock({ kind: 'layer', index: 1 }, s, 4);
    expect(s.frozen_layers).toEqual([1, 3]);
    expect(frozenLayers(s, 4)).toEqual([1, 3]);
  });

  it('unfreezing a layer inside freeze_layers shortens the prefix and keeps the others frozen', () => {
    const s = toggleBlock({ kind: 'layer', index: 1 }, { ...none, freeze_layers: 4 }, 6);
    expect(s.freeze_layers).toBe(1);
    expect(s.frozen_layers).toEqual([2, 3]);
    expect(frozenLayers(s, 6)).toEqual([0, 2, 3]);
  });

  it('embeddings toggle freeze_embeddings; the head never freezes; the pooler toggles train_head_only', () => {
    expect(toggleBlock({ kind: 'embeddings' }, none, 2).freeze_embeddings).toBe(true);
    expect(toggleBlock({ kind: 'head' }, none, 2)).toBe(none);
    const headOnly = toggleBlock({ kind: 'pooler' }, none, 2);
    expect(headOnly.train_head_only).toBe(true);
    expect(isBlockFrozen({ kind: 'layer', index: 1 }, headOnly)).toBe(true);
    expect(isBlockFrozen({ kind: 'head' }, headOnly)).toBe(false);
  });

  it('clicking a layer while train_head_only unfreezes just that layer (and the pooler)', () => {
    const s = toggleBlock({ kind: 'layer', index: 1 }, { ...none, train_head_only: true }, 3);
    expect(s.train_head_only).toBe(false);
    expect(s.freeze_embeddings).toBe(true);
    expect(frozenLayers(s, 3)).toEqual([0, 2]);
  });

  it('a second click undoes the first', () => {
    const once = toggleBlock({ kind: 'layer', index: 2 }, none, 4);
    expect(toggleBlock({ kind: 'layer', index: 2 }, once, 4)).toEqual(none);
  });
});

describe('lrScale', () => {
  it('matches the core: head/pooler 1, layer i decay^(L-i), embeddings decay^(L+1)', () => {
    expect(lrScale({ kind: 'head' }, 12, 0.9)).toBe(1);
    expect(lrScale({ kind: 'pooler' }, 12, 0.9)).toBe(1);
    expect(lrScale({ kind: 'layer', index: 11 }, 12, 0.9)).toBeCloseTo(0.9);
    expect(lrScale({ kind: 'layer', index: 0 }, 12, 0.9)).toBeCloseTo(0.9 ** 12);
    expect(lrScale({ kind: 'embeddings' }, 12, 0.9)).toBeCloseTo(0.9 ** 13);
    expect(lrScale({ kind: 'layer', index: 0 }, 12, 1)).toBe(1);
  });
});

describe('describeFrozen', () => {
  it('names the frozen parts compactly', () => {
    expect(describeFrozen(none, 4)).toBe('nothing');
    expect(describeFrozen({ ...none, freeze_embeddings: true, freeze_layers: 2, frozen_layers: [3] }, 4)).toBe('embeddings, layers 0–1, 3');
    expect(compactRanges([0, 1, 2, 5, 7, 8])).toBe('0–2, 5, 7–8');
  });
});
