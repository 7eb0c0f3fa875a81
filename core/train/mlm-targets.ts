// Masked-LM targets in Google's layout (masked_lm_positions, masked_lm_ids) beside
// Transformers' per-token labels, so that the pre-training head decodes only the masked
// positions. Built on the host from the label arrays: reading positions out of a tensor
// would need a synchronous read, which WebGPU under Node does not have.
import * as tf from '../tf';
import { IGNORE_INDEX } from '../model/heads/losses';
import { MASKED_LM_IDS, MASKED_LM_POSITIONS } from '../model/heads/pretraining';
import type { Labels } from '../model/heads/task-head';

/** int32 [M] each: the flat position b·T + t of every label that is not -100, in batch order, and that label. */
export function maskedLmTargets(labelRows: readonly (readonly number[])[], T: number): Labels {
  const positions: number[] = [];
  const ids: number[] = [];
  labelRows.forEach((row, b) => {
    row.forEach((label, t) => {
      if (label === IGNORE_INDEX || t >= T) return;
      positions.push(b * T + t);
      ids.push(label);
    });
  });
  return { [MASKED_LM_POSITIONS]: tf.tensor1d(positions, 'int32'), [MASKED_LM_IDS]: tf.tensor1d(ids, 'int32') };
}
