// The WordPiece conformance cases (outputs of google-research/bert's FullTokenizer, see
// /work/shared/fixtures/wordpiece/README.md where they came from) with their vocabularies.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface WordPieceCase {
  text: string;
  tokens: string[];
  ids: number[];
}

export interface WordPieceFixture {
  lower: boolean;
  maxInputCharsPerWord: number;
  vocabPath: string;
  cases: WordPieceCase[];
}

const VOCABS = {
  uncased: '../../assets/vocab/bert-base-uncased-vocab.txt',
  cased: './bert-base-cased-vocab.txt',
} as const;

export type FixtureName = keyof typeof VOCABS;

export function loadWordPieceFixture(name: FixtureName): WordPieceFixture {
  const json = JSON.parse(readFileSync(new URL(`./${name}.json`, import.meta.url), 'utf8')) as {
    lower: boolean;
    max_input_chars_per_word: number;
    cases: WordPieceCase[];
  };
  return {
    lower: json.lower,
    maxInputCharsPerWord: json.max_input_chars_per_word,
    vocabPath: fileURLToPath(new URL(VOCABS[name], import.meta.url)),
    cases: json.cases,
  };
}
