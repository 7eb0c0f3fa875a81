// Entity tag schemes. Files come in IOB1 (original CoNLL-2003: I- starts an entity, B-
// only splits two adjacent entities of one type), IOB2 (every entity starts with B-) and
// BIOES (E- ends, S- is a single token; BILOU's L-/U- are the same thing). Models train on
// one scheme, IOB2, so every file is converted; sequences that break their scheme are
// repaired the way seqeval reads them (a stray I- starts an entity) and reported.

export type TagScheme = 'IOB1' | 'IOB2' | 'BIOES';

export interface Tag {
  prefix: 'O' | 'B' | 'I' | 'E' | 'S';
  /** Entity type ("PER", "location"); empty for O. */
  type: string;
}

export interface TagRepair {
  /** Index of the token in its sentence. */
  index: number;
  message: string;
}

const PREFIX_ALIASES: Record<string, Tag['prefix']> = { B: 'B', I: 'I', E: 'E', S: 'S', L: 'E', U: 'S' };

export function parseTag(tag: string): Tag | undefined {
  if (tag === 'O') return { prefix: 'O', type: '' };
  const match = /^([BIESLU])[-_](.+)$/.exec(tag);
  if (!match) return undefined;
  return { prefix: PREFIX_ALIASES[match[1]!]!, type: match[2]! };
}

export function formatTag(tag: Tag): string {
  return tag.prefix === 'O' ? 'O' : `${tag.prefix}-${tag.type}`;
}

/** Decides the scheme of a whole file: per sentence it would be ambiguous (IOB1 and IOB2 agree on most sentences). */
export function detectScheme(sentences: readonly (readonly Tag[])[]): TagScheme {
  let entityStartsWithI = 0;
  let entityStartsWithB = 0;
  for (const tags of sentences) {
    for (let i = 0; i < tags.length; i++) {
      const tag = tags[i]!;
      if (tag.prefix === 'E' || tag.prefix === 'S') return 'BIOES';
      const continues = i > 0 && tags[i - 1]!.prefix !== 'O' && tags[i - 1]!.type === tag.type;
      if (tag.prefix === 'I' && !continues) entityStartsWithI++;
      if (tag.prefix === 'B' && !continues) entityStartsWithB++;
    }
  }
  // A few stray I- in a B-file are errors in an IOB2 file; a file that starts entities with I- is IOB1.
  return entityStartsWithI > entityStartsWithB ? 'IOB1' : 'IOB2';
}

/** One sentence's tags in `scheme` → IOB2 tags, and the repairs made on the way. */
export function toIob2(tags: readonly Tag[], scheme: TagScheme): { tags: string[]; repairs: TagRepair[] } {
  return scheme === 'BIOES' ? bioesToIob2(tags) : iobToIob2(tags, scheme);
}

function iobToIob2(tags: readonly Tag[], scheme: 'IOB1' | 'IOB2'): { tags: string[]; repairs: TagRepair[] } {
  const repairs: TagRepair[] = [];
  const out = tags.map((tag, i) => {
    const previous = i > 0 ? tags[i - 1]! : undefined;
    const continues = previous !== undefined && previous.prefix !== 'O' && previous.type === tag.type;
    if (tag.prefix === 'I' && !continues) {
      if (scheme === 'IOB2') repairs.push({ index: i, message: `"I-${tag.type}" ${follows(previous)}: in IOB2 an entity starts with B-; read as "B-${tag.type}"` });
      return `B-${tag.type}`;
    }
    return formatTag(tag);
  });
  return { tags: out, repairs };
}

function bioesToIob2(tags: readonly Tag[]): { tags: string[]; repairs: TagRepair[] } {
  const repairs: TagRepair[] = [];
  const out: string[] = [];
  let open: string | undefined; // type of the entity still waiting for its E-
  const unclosed = (index: number) => repairs.push({ index, message: `the ${open} entity is not closed with E-${open} (BIOES)` });
  tags.forEach((tag, i) => {
    switch (tag.prefix) {
      case 'O':
        if (open !== undefined) unclosed(i - 1);
        open = undefined;
        out.push('O');
        return;
      case 'B':
      case 'S':
        if (open !== undefined) unclosed(i - 1);
        open = tag.prefix === 'B' ? tag.type : undefined;
        out.push(`B-${tag.type}`);
        return;
      case 'I':
      case 'E':
        if (open !== tag.type) {
          if (open !== undefined) unclosed(i - 1);
          repairs.push({ index: i, message: `"${tag.prefix}-${tag.type}" ${follows(tags[i - 1])}: a BIOES entity starts with B- or S-; read as "B-${tag.type}"` });
          out.push(`B-${tag.type}`);
        } else {
          out.push(`I-${tag.type}`);
        }
        open = tag.prefix === 'I' ? tag.type : undefined;
        return;
    }
  });
  if (open !== undefined) unclosed(tags.length - 1);
  return { tags: out, repairs };
}

function follows(previous: Tag | undefined): string {
  return previous === undefined ? 'starts the sentence' : `follows "${formatTag(previous)}"`;
}

export interface EntitySpan {
  type: string;
  /** First token. */
  start: number;
  /** One past the last token. */
  end: number;
}

/** The entities of an IOB2 sentence. */
export function entitySpans(iob2: readonly string[]): EntitySpan[] {
  const spans: EntitySpan[] = [];
  iob2.forEach((tag, i) => {
    if (tag.startsWith('B-')) spans.push({ type: tag.slice(2), start: i, end: i + 1 });
    else if (tag.startsWith('I-')) {
      const last = spans[spans.length - 1];
      if (last && last.end === i && last.type === tag.slice(2)) last.end = i + 1;
    }
  });
  return spans;
}
