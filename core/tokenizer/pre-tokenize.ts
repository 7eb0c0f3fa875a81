// Pre-tokenization: the second stage. Cuts normalised text into the words WordPiece sees:
// whitespace separates words and is dropped; every punctuation character is a word of its
// own ("don't" -> "don" "'" "t", "..." -> "." "." ".").
import { isPunctuation, isWhitespace } from './char-classes';
import { codePointLength } from './code-points';

/** A word as the [from, to) range of UTF-16 units in the normalised text. */
export type WordRange = [from: number, to: number];

export function splitWords(text: string): WordRange[] {
  const words: WordRange[] = [];
  let wordStart = -1;
  const endWord = (at: number) => {
    if (wordStart !== -1) words.push([wordStart, at]);
    wordStart = -1;
  };
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const width = codePointLength(text, i);
    if (isWhitespace(cp)) {
      endWord(i);
    } else if (isPunctuation(cp)) {
      endWord(i);
      words.push([i, i + width]);
    } else if (wordStart === -1) {
      wordStart = i;
    }
    i += width;
  }
  endWord(text.length);
  return words;
}
