// The vocabulary of a checkpoint: vocab.txt holds one token per line, its id is the line
// number (from 0). Lines are kept as they are (only the line break is removed), because
// a vocabulary may hold tokens with leading or trailing spaces.

export class Vocab {
  private readonly ids = new Map<string, number>();
  /** The longest token in UTF-16 units: WordPiece never needs to look up anything longer. */
  readonly longestTokenLength: number;

  private constructor(private readonly tokens: readonly string[]) {
    let longest = 0;
    // A token listed twice keeps its last line's id, as in BERT's load_vocab.
    tokens.forEach((token, id) => {
      this.ids.set(token, id);
      longest = Math.max(longest, token.length);
    });
    this.longestTokenLength = longest;
  }

  static parse(vocabText: string): Vocab {
    const lines = vocabText.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
    // The file's final line break does not start another (empty) token.
    if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    if (lines.length === 0) throw new Error('the vocabulary is empty');
    return new Vocab(lines);
  }

  get size(): number {
    return this.tokens.length;
  }

  id(token: string): number | undefined {
    return this.ids.get(token);
  }

  token(id: number): string | undefined {
    return this.tokens[id];
  }
}
