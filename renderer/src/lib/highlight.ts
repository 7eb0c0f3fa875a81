// Text with marked spans, for the NER and QA views: entities from IOB2 tags (preview),
// entities and answers from character offsets (predictions, gold answers).
import { SERIES_PALETTE } from '../theme/tokens';

export interface WordSpan {
  type: string;
  /** Word index, inclusive. */
  start: number;
  /** Word index, exclusive. */
  end: number;
}

/** Entity spans of one IOB2-tagged sentence: B- starts, I- of the same type continues; a stray I- starts one (seqeval). */
export function entitySpansFromTags(tags: readonly string[]): WordSpan[] {
  const spans: WordSpan[] = [];
  let open: WordSpan | null = null;
  tags.forEach((tag, i) => {
    const match = /^([BI])-(.+)$/.exec(tag);
    if (match && match[1] === 'I' && open && open.type === match[2]) {
      open.end = i + 1;
      return;
    }
    if (open) spans.push(open);
    open = match ? { type: match[2]!, start: i, end: i + 1 } : null;
  });
  if (open) spans.push(open);
  return spans;
}

/** The entity types of IOB2 labels (["O","B-PER","I-PER","B-LOC"] -> ["LOC","PER"]). */
export function entityTypes(labels: readonly string[]): string[] {
  return [...new Set(labels.map((l) => /^[BIESLU]-(.+)$/.exec(l)?.[1]).filter((t): t is string => !!t))].sort();
}

export interface MarkedSpan<T> {
  start: number;
  end: number;
  mark: T;
}

export interface Segment<T> {
  text: string;
  mark?: T;
}

/** Cuts text into plain and marked segments; overlapping or out-of-range spans are dropped (the earlier wins). */
export function segmentText<T>(text: string, spans: readonly MarkedSpan<T>[]): Segment<T>[] {
  const sorted = [...spans].filter((s) => s.start >= 0 && s.end <= text.length && s.end > s.start).sort((a, b) => a.start - b.start);
  const out: Segment<T>[] = [];
  let at = 0;
  for (const span of sorted) {
    if (span.start < at) continue;
    if (span.start > at) out.push({ text: text.slice(at, span.start) });
    out.push({ text: text.slice(span.start, span.end), mark: span.mark });
    at = span.end;
  }
  if (at < text.length) out.push({ text: text.slice(at) });
  return out;
}

/** A stable colour per entity type, by its index among all types of the data set. */
export function typeColor(type: string, types: readonly string[]): string {
  const i = types.indexOf(type);
  return SERIES_PALETTE[(i < 0 ? hash(type) : i) % SERIES_PALETTE.length]!;
}

/** Series colours for charts (runs, metrics). */
export function seriesColor(index: number): string {
  return SERIES_PALETTE[index % SERIES_PALETTE.length]!;
}

function hash(text: string): number {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h;
}
