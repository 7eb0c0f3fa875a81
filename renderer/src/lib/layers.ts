// The encoder as the layer diagram draws it, and what a click on a block means in
// TrainingSettings. Which blocks are frozen and their LR scale are the trainer's own rules
// (core/train/parameter-groups.ts, through the contract), so the diagram cannot drift.
import { isPartFrozen, partLrScale, type ParameterPart, type TrainingSettings } from '../../../electron/contract';

export type FreezeSettings = Pick<TrainingSettings, 'freeze_embeddings' | 'freeze_layers' | 'frozen_layers' | 'train_head_only'>;

export type EncoderBlock = { kind: 'embeddings' } | { kind: 'layer'; index: number } | { kind: 'pooler' } | { kind: 'head' };

/** Bottom to top: embeddings, layer 0 … layer L-1, pooler, task head. */
export function encoderBlocks(numLayers: number): EncoderBlock[] {
  const layers = Array.from({ length: numLayers }, (_, index): EncoderBlock => ({ kind: 'layer', index }));
  return [{ kind: 'embeddings' }, ...layers, { kind: 'pooler' }, { kind: 'head' }];
}

export function blockName(block: EncoderBlock): string {
  return block.kind === 'layer' ? `Layer ${block.index}` : block.kind === 'head' ? 'Task head' : block.kind === 'pooler' ? 'Pooler' : 'Embeddings';
}

function partOf(block: EncoderBlock): ParameterPart {
  return block.kind === 'layer' ? { part: 'layer', index: block.index } : { part: block.kind };
}

export function isBlockFrozen(block: EncoderBlock, s: FreezeSettings): boolean {
  return isPartFrozen(partOf(block), s);
}

/** The encoder layer indices that stay fixed. */
export function frozenLayers(s: FreezeSettings, numLayers: number): number[] {
  return Array.from({ length: numLayers }, (_, i) => i).filter((index) => isBlockFrozen({ kind: 'layer', index }, s));
}

/**
 * What a click does: the head always trains; the pooler can only be frozen with the whole
 * encoder (train_head_only); a layer below freeze_layers that is unfrozen shortens the
 * prefix and keeps the layers above it frozen through frozen_layers.
 */
export function toggleBlock(block: EncoderBlock, current: FreezeSettings, numLayers: number): FreezeSettings {
  if (block.kind === 'head') return current;
  if (block.kind === 'pooler') return { ...current, train_head_only: !current.train_head_only };
  // Leaving train_head_only by a click on one block keeps everything else frozen.
  const s: FreezeSettings = current.train_head_only
    ? { train_head_only: false, freeze_embeddings: true, freeze_layers: current.freeze_layers, frozen_layers: frozenLayers(current, numLayers) }
    : current;
  if (block.kind === 'embeddings') {
    return canonical({ ...s, freeze_embeddings: current.train_head_only ? false : !s.freeze_embeddings });
  }
  const i = block.index;
  if (!isBlockFrozen(block, s)) return canonical({ ...s, frozen_layers: [...s.frozen_layers, i] });
  if (i < s.freeze_layers) {
    const keep = Array.from({ length: s.freeze_layers - i - 1 }, (_, k) => i + 1 + k);
    return canonical({ ...s, freeze_layers: i, frozen_layers: [...s.frozen_layers.filter((l) => l !== i), ...keep] });
  }
  return canonical({ ...s, frozen_layers: s.frozen_layers.filter((l) => l !== i) });
}

function canonical(s: FreezeSettings): FreezeSettings {
  const frozen = [...new Set(s.frozen_layers)].filter((l) => l >= s.freeze_layers).sort((a, b) => a - b);
  return { ...s, frozen_layers: frozen };
}

/** Layer-wise LR decay: head and pooler ×1, layer i of L ×decay^(L−i), embeddings ×decay^(L+1). */
export function lrScale(block: EncoderBlock, numLayers: number, decay: number): number {
  return partLrScale(partOf(block), numLayers, decay);
}

/** "embeddings, layers 0–3" — a short description for summaries; "nothing" when all train. */
export function describeFrozen(s: FreezeSettings, numLayers: number): string {
  if (s.train_head_only) return 'the whole encoder (head only trains)';
  const parts: string[] = [];
  if (s.freeze_embeddings) parts.push('embeddings');
  const layers = frozenLayers(s, numLayers);
  if (layers.length > 0) parts.push(`${layers.length === 1 ? 'layer' : 'layers'} ${compactRanges(layers)}`);
  return parts.length ? parts.join(', ') : 'nothing';
}

/** [0,1,2,5] -> "0–2, 5". */
export function compactRanges(sorted: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    out.push(i === j ? String(sorted[i]) : `${sorted[i]}–${sorted[j]}`);
    i = j + 1;
  }
  return out.join(', ');
}
