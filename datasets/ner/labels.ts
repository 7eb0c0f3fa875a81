// The tag list of an NER head: O first (id 0, the usual convention), then B-/I- per entity
// type in alphabetical order, so that ids do not depend on the order of the file.
import type { NerExample } from '../types';
import { entitySpans } from './tags';

export function nerLabelList(train: readonly NerExample[]): string[] {
  const types = [...new Set(train.flatMap((e) => entitySpans(e.tags).map((span) => span.type)))].sort();
  return ['O', ...types.flatMap((type) => [`B-${type}`, `I-${type}`])];
}
