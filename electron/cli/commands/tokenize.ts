// `bert-workbench tokenize`: what the model will see for a text, one JSON line per input,
// for checking a vocabulary or debugging a data set from the shell.
import type { Token } from '../../../core/tokenizer/index';
import { loadTokenizerFromVocabFile } from '../../../core/tokenizer/load-node';
import { flag, numberOption, parseArgs, stringOption } from '../args';
import { UsageError, UserError, type CliCommand } from '../command';
import { parseJsonLines, readInputFile } from '../input-files';

export const tokenizeCommand: CliCommand = {
  name: 'tokenize',
  summary: 'Split text into WordPiece tokens with ids and character offsets',
  usage: 'bert-workbench tokenize --vocab FILE [--cased] [--max-chars N] [--input FILE.jsonl | TEXT]',
  async run(args, io) {
    const parsed = parseArgs(args, { vocab: { value: true }, cased: { value: false }, 'max-chars': { value: true }, input: { value: true } });
    const vocabPath = stringOption(parsed, 'vocab');
    if (vocabPath === undefined) throw new UsageError('--vocab FILE is required');
    const maxChars = numberOption(parsed, 'max-chars');
    if (maxChars !== undefined && (!Number.isInteger(maxChars) || maxChars < 1)) throw new UsageError(`--max-chars must be a positive integer, got ${maxChars}`);
    const inputPath = stringOption(parsed, 'input');
    if (inputPath !== undefined && parsed.positionals.length > 0) throw new UsageError('give either --input FILE.jsonl or TEXT, not both');
    if (inputPath === undefined && parsed.positionals.length !== 1) throw new UsageError('give the text as one (quoted) argument, or --input FILE.jsonl');

    // Read every input before printing anything: a bad line N must not leave half an output.
    const texts = inputPath === undefined ? [parsed.positionals[0]!] : textsFromJsonLines(await readInputFile(inputPath), inputPath);
    const tokenizer = await loadTokenizerFromVocabFile(vocabPath, { doLowerCase: !flag(parsed, 'cased'), maxInputCharsPerWord: maxChars }).catch((error: unknown) => {
      throw new UserError(error instanceof Error ? error.message : String(error));
    });
    for (const text of texts) io.stdout(tokensLine(tokenizer.tokenize(text)) + '\n');
    return 0;
  },
};

function tokensLine(tokens: Token[]): string {
  return JSON.stringify({ tokens: tokens.map((t) => t.text), ids: tokens.map((t) => t.id), offsets: tokens.map((t) => [t.start, t.end]) });
}

/** Each non-blank line is `{"text": "..."}` or a bare JSON string. */
export function textsFromJsonLines(content: string, path: string): string[] {
  return parseJsonLines(content, path, (value) => {
    if (typeof value === 'string') return value;
    if (typeof value === 'object' && value !== null && 'text' in value && typeof value.text === 'string') return value.text;
    throw new Error('expected {"text": "..."} or a JSON string');
  }).map(({ record }) => record);
}
