import { describe, expect, it } from 'vitest';
import { Vocab } from './vocab';
import { joinPieces, WordPiece } from './wordpiece';

const vocab = Vocab.parse(['[UNK]', 'un', 'unaff', '##aff', '##able', '##a', 'a', '😀', '##😀'].join('\n'));
const wordPiece = new WordPiece(vocab, { unkToken: '[UNK]', maxInputCharsPerWord: 4 });
const tokens = (word: string) => wordPiece.tokenizeWord(word).map((piece) => piece.token);

describe('WordPiece', () => {
  it('takes the longest matching piece first, continuations with ##', () => {
    const longer = new WordPiece(vocab, { unkToken: '[UNK]', maxInputCharsPerWord: 100 });
    expect(longer.tokenizeWord('unaffable')).toEqual([
      { token: 'unaff', id: 2, from: 0, to: 5 },
      { token: '##able', id: 4, from: 5, to: 9 },
    ]);
    // Greedy, not optimal: "unaff" is taken although "un" + "##aff" + "##a" would also cover "unaffa".
    expect(longer.tokenizeWord('unaffa').map((p) => p.token)).toEqual(['unaff', '##a']);
  });

  it('makes the whole word one [UNK] when any part of it is not covered', () => {
    expect(wordPiece.tokenizeWord('unx')).toEqual([{ token: '[UNK]', id: 0, from: 0, to: 3 }]);
    expect(tokens('b')).toEqual(['[UNK]']);
  });

  it('counts the word limit in characters, not UTF-16 units', () => {
    expect(tokens('😀😀😀😀')).toEqual(['😀', '##😀', '##😀', '##😀']);
    expect(tokens('aaaa')).toEqual(['a', '##a', '##a', '##a']);
    expect(tokens('aaaaa')).toEqual(['[UNK]']);
  });

  it('needs the unknown token in the vocabulary', () => {
    expect(() => new WordPiece(vocab, { unkToken: '<unk>', maxInputCharsPerWord: 100 })).toThrow(/<unk>/);
  });

  it('joins pieces back at ## and words with spaces', () => {
    expect(joinPieces(['un', '##aff', '##able', 'a', ',', 'b'])).toBe('unaffable a , b');
    expect(joinPieces([])).toBe('');
  });
});
