// Entity-level NER metrics with seqeval's default semantics (conlleval-style), which is
// what Transformers' run_ner reports: an entity counts only if type, start and end all
// match. Chunking is lenient: an I- tag after O, or after a tag of another type, starts a
// new entity, as conlleval does, rather than being dropped as strict IOB2 would.
import { macroAverage, precisionRecallF1, ratio, type PrecisionRecallF1 } from './precision-recall';

export interface Entity {
  type: string;
  /** Token index of the first token. */
  start: number;
  /** Token index of the last token (inclusive, as seqeval). */
  end: number;
}

export interface EntityTypeScores extends PrecisionRecallF1 {
  /** Gold entities of this type. */
  support: number;
}

export interface NerMetrics {
  /** Micro averages over all entities: seqeval's default and run_ner's `eval_f1`. */
  precision: number;
  recall: number;
  f1: number;
  /** Over types found in the gold tags or the predictions. */
  macro_precision: number;
  macro_recall: number;
  macro_f1: number;
  /** Tokens whose tag is right, O included (run_ner's `accuracy`). */
  accuracy: number;
  per_type: Record<string, EntityTypeScores>;
}

// seqeval splits "B-PER" into the prefix letter and what follows the first dash; "O" has
// the placeholder type "_", which matters for the type-change rules below.
function splitTag(tag: string): { prefix: string; type: string } {
  const rest = tag.slice(1);
  const dash = rest.indexOf('-');
  return { prefix: tag.slice(0, 1), type: (dash < 0 ? rest : rest.slice(dash + 1)) || '_' };
}

// seqeval's end_of_chunk / start_of_chunk (IOBES aware: E- and S- tags are understood too).
function endsChunk(prev: { prefix: string; type: string }, cur: { prefix: string; type: string }): boolean {
  if (prev.prefix === 'E' || prev.prefix === 'S') return true;
  if ((prev.prefix === 'B' || prev.prefix === 'I') && (cur.prefix === 'B' || cur.prefix === 'S' || cur.prefix === 'O')) return true;
  return prev.prefix !== 'O' && prev.prefix !== '.' && prev.type !== cur.type;
}

function startsChunk(prev: { prefix: string; type: string }, cur: { prefix: string; type: string }): boolean {
  if (cur.prefix === 'B' || cur.prefix === 'S') return true;
  if ((prev.prefix === 'E' || prev.prefix === 'S' || prev.prefix === 'O') && (cur.prefix === 'E' || cur.prefix === 'I')) return true;
  return cur.prefix !== 'O' && cur.prefix !== '.' && prev.type !== cur.type;
}

/** The entities of one sentence's tags, in order. */
export function extractEntities(tags: readonly string[]): Entity[] {
  const entities: Entity[] = [];
  let prev = { prefix: 'O', type: '' };
  let start = 0;
  // A trailing O closes an entity that runs to the end of the sentence.
  [...tags, 'O'].forEach((tag, i) => {
    const cur = splitTag(tag);
    if (endsChunk(prev, cur)) entities.push({ type: prev.type, start, end: i - 1 });
    if (startsChunk(prev, cur)) start = i;
    prev = cur;
  });
  return entities;
}

/** Scores predicted tag sequences against gold ones, sentence by sentence. */
export function nerMetrics(predictions: readonly (readonly string[])[], references: readonly (readonly string[])[]): NerMetrics {
  if (predictions.length !== references.length) {
    throw new RangeError(`${predictions.length} predicted sentences for ${references.length} gold sentences`);
  }
  const counts = new Map<string, { truePositives: number; predicted: number; gold: number }>();
  const countsOf = (type: string) => {
    let entry = counts.get(type);
    if (!entry) counts.set(type, (entry = { truePositives: 0, predicted: 0, gold: 0 }));
    return entry;
  };
  let correctTokens = 0;
  let totalTokens = 0;

  references.forEach((gold, s) => {
    const predicted = predictions[s];
    if (predicted?.length !== gold.length) {
      throw new RangeError(`sentence ${s}: ${predicted?.length ?? 'no'} predicted tags for ${gold.length} gold tags`);
    }
    gold.forEach((tag, i) => (correctTokens += Number(tag === predicted[i])));
    totalTokens += gold.length;
    const goldKeys = new Set(extractEntities(gold).map(entityKey));
    for (const key of goldKeys) countsOf(typeOfKey(key)).gold += 1;
    for (const key of new Set(extractEntities(predicted).map(entityKey))) {
      const entry = countsOf(typeOfKey(key));
      entry.predicted += 1;
      if (goldKeys.has(key)) entry.truePositives += 1;
    }
  });

  const perType: Record<string, EntityTypeScores> = {};
  const total = { truePositives: 0, predicted: 0, gold: 0 };
  for (const type of [...counts.keys()].sort()) {
    const { truePositives, predicted, gold } = counts.get(type)!;
    perType[type] = { ...precisionRecallF1(truePositives, predicted, gold), support: gold };
    total.truePositives += truePositives;
    total.predicted += predicted;
    total.gold += gold;
  }
  const micro = precisionRecallF1(total.truePositives, total.predicted, total.gold);
  const macro = macroAverage(Object.values(perType));
  return {
    ...micro,
    macro_precision: macro.precision,
    macro_recall: macro.recall,
    macro_f1: macro.f1,
    accuracy: ratio(correctTokens, totalTokens),
    per_type: perType,
  };
}

/** The tag an id names; a prediction missing or outside the label set is an error naming the token. */
function tagName(id2label: readonly string[], id: number | undefined, sentence: number, token: number): string {
  const tag = id === undefined ? undefined : id2label[id];
  if (tag === undefined) throw new RangeError(`sentence ${sentence} token ${token}: label id ${id ?? 'missing'} is outside the ${id2label.length} tags`);
  return tag;
}

/**
 * Turns per-token label ids into tag sequences, dropping the positions labelled -100
 * (special tokens and word-piece continuations), as run_ner does before calling seqeval.
 */
export function tagsFromLabelIds(
  predictions: readonly (readonly number[])[],
  labels: readonly (readonly number[])[],
  id2label: readonly string[],
): { predictions: string[][]; references: string[][] } {
  const kept = labels.map((row) => row.flatMap((label, i) => (label === -100 ? [] : [i])));
  return {
    predictions: kept.map((positions, s) => positions.map((i) => tagName(id2label, predictions[s]?.[i], s, i))),
    references: kept.map((positions, s) => positions.map((i) => tagName(id2label, labels[s]![i], s, i))),
  };
}

// The type goes first and the separator cannot occur in token indices.
function entityKey(entity: Entity): string {
  return `${entity.type}\u0000${entity.start}\u0000${entity.end}`;
}

function typeOfKey(key: string): string {
  return key.slice(0, key.indexOf('\u0000'));
}
