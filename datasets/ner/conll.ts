// CoNLL files: one token per line, the token in the first column and its tag in the last
// (CoNLL-2003 has POS and chunk columns between), sentences separated by blank lines.
// WNUT-17 separates columns with a tab and sometimes ends a sentence with a lone tab, so a
// whitespace-only line is blank too. `-DOCSTART-` lines mark documents, not sentences.
import type { ProblemLog } from '../problems';
import { numberedLines } from '../text/lines';
import type { RawSentence } from './raw-sentence';

export async function readConllSentences(chunks: AsyncIterable<string>, file: string, log: ProblemLog): Promise<RawSentence[]> {
  const sentences: RawSentence[] = [];
  let current: ReturnType<typeof newSentence> | undefined;
  const endSentence = () => {
    if (current) sentences.push(current);
    current = undefined;
  };
  for await (const { text, line } of numberedLines(chunks, { file, log })) {
    if (text.trim() === '' || text.startsWith('-DOCSTART-')) {
      endSentence();
      continue;
    }
    const fields = splitColumns(text);
    if (fields.length < 2) {
      log.error(file, 'missing-tag', `expected a token and its tag separated by a tab or space, found one column "${text.trim()}"`, { line });
      continue;
    }
    const tag = fields[fields.length - 1]!.trim();
    if (tag === '') {
      log.error(file, 'missing-tag', `the tag of "${fields[0]}" is empty; write O for a token outside every entity`, { line });
      continue;
    }
    current ??= newSentence(line);
    current.tokens.push(fields[0]!);
    current.tags.push(tag);
    current.tokenLines.push(line);
  }
  endSentence();
  return sentences;
}

function newSentence(line: number): RawSentence & { tokenLines: number[] } {
  const tokenLines: number[] = [];
  return { tokens: [], tags: [], line, tokenLines, tagAt: (index) => ({ line: tokenLines[index] ?? line }) };
}

/**
 * Tab-separated when there is a tab (tokens may then hold spaces; a trailing tab leaves an
 * empty tag, which is reported), else whitespace-separated.
 */
function splitColumns(text: string): string[] {
  if (!text.includes('\t')) return text.trim().split(/\s+/);
  const fields = text.split('\t');
  const last = fields.length - 1;
  // Empty columns between token and tag are padding; an empty last column is the tag left out.
  return fields.filter((field, i) => i === 0 || i === last || field.trim() !== '');
}
