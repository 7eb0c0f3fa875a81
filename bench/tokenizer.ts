// Tokenizer throughput on the sentences of a TSV with a `sentence` column (SST-2 train):
// characters and tokens per second of BertTokenizer.tokenize, the median of several passes.
import { readFile } from 'node:fs/promises';
import { loadDefaultTokenizer } from '../core/tokenizer/load-node';

export interface TokenizerBenchResult {
  name: string;
  chars_per_second: number;
  tokens_per_second: number;
  chars: number;
}

export async function benchTokenizer(opts: { file: string; repeats?: number }): Promise<TokenizerBenchResult> {
  const sentences = sentencesOfTsv(await readFile(opts.file, 'utf8'));
  const tokenizer = await loadDefaultTokenizer();
  const chars = sentences.reduce((sum, sentence) => sum + sentence.length, 0);
  const pass = (): { seconds: number; tokens: number } => {
    const started = performance.now();
    let tokens = 0;
    for (const sentence of sentences) tokens += tokenizer.tokenize(sentence).length;
    return { seconds: (performance.now() - started) / 1000, tokens };
  };
  pass(); // warm-up: lets the JIT compile the hot paths before anything is timed
  const passes = Array.from({ length: opts.repeats ?? 5 }, pass).sort((a, b) => a.seconds - b.seconds);
  const median = passes[Math.floor(passes.length / 2)]!;
  return {
    name: 'tokenizer',
    chars_per_second: chars / median.seconds,
    tokens_per_second: median.tokens / median.seconds,
    chars,
  };
}

function sentencesOfTsv(content: string): string[] {
  const [header, ...rows] = content.split('\n');
  const column = (header ?? '').replace(/\r$/, '').split('\t').indexOf('sentence');
  if (column === -1) throw new Error('the TSV has no "sentence" column');
  return rows.filter((row) => row.trim() !== '').map((row) => row.replace(/\r$/, '').split('\t')[column] ?? '');
}
