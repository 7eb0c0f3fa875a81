// `bert-workbench predict`: run a Hugging Face checkpoint folder over a JSONL file.
// Each input line is either tokenized ({"input_ids", "token_type_ids"?, "attention_mask"?})
// or text ({"text", "text_pair"?} for classification, {"tokens": [...]} for NER,
// {"question", "context"} for QA), which the folder's tokenizer encodes. Each output line
// holds the head's raw outputs and the decoded prediction. With --data instead of --input
// it reads a data file of the model's task (CSV/TSV/JSONL, CoNLL, SQuAD) and writes the
// app's predictions table (predict-data.ts).
import { initNodeBackend } from '../../../core/backend/node-backends';
import { backendSummary } from '../../../core/backend/select';
import { loadHfModel } from '../../../core/checkpoint/hf-folder-node';
import { writeFileAtomic } from '../../../core/io/atomic-write-node';
import { isHeadName, HEAD_NAMES, type HeadName } from '../../../core/model/layout';
import type { BertModel } from '../../../core/model/model';
import { exampleProblem, predictBatch, type ExamplePrediction, type TokenizedExample } from '../../../core/model/prediction';
import type { QuestionAnsweringPrediction } from '../../../core/model/heads/question-answering';
import type { TokenClassificationPrediction } from '../../../core/model/heads/token-classification';
import type { BertTokenizer, Encoding } from '../../../core/tokenizer/index';
import { loadTokenizer } from '../../../core/tokenizer/load-node';
import { numberOption, parseArgs, stringOption } from '../args';
import { UsageError, UserError, type CliCommand, type CliIO } from '../command';
import { failOnProblems, messageOf, parseJsonLines, readInputFile } from '../input-files';
import { predictDataFile } from './predict-data';

/** One input line, as given. */
type InputRecord =
  | { kind: 'tokenized'; example: TokenizedExample }
  | { kind: 'text'; text: string; textPair?: string }
  | { kind: 'words'; words: string[] }
  | { kind: 'question'; question: string; context: string };

interface PreparedLine {
  line: number;
  record: InputRecord;
  example: TokenizedExample;
  /** The tokenizer's encoding of a text line: maps tokens back to words and characters. */
  encoding?: Encoding;
}


export const predictCommand: CliCommand = {
  name: 'predict',
  summary: 'Run a checkpoint folder over a JSONL file of tokenized or text inputs',
  usage:
    `bert-workbench predict --model DIR --input FILE.jsonl [--output FILE.jsonl] [--batch-size N] [--head ${HEAD_NAMES.join('|')}]\n` +
    '       bert-workbench predict --run RUN_DIR|--model DIR --data FILE [--output FILE.csv|FILE.jsonl] [--format csv|jsonl] [--batch-size N]',
  async run(args, io) {
    const parsed = parseArgs(args, { model: { value: true }, run: { value: true }, input: { value: true }, data: { value: true }, output: { value: true }, format: { value: true }, 'batch-size': { value: true }, head: { value: true } });
    const modelDir = stringOption(parsed, 'model');
    const runDir = stringOption(parsed, 'run');
    const inputPath = stringOption(parsed, 'input');
    const dataPath = stringOption(parsed, 'data');
    if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument "${parsed.positionals[0]}"`);
    const batchOption = numberOption(parsed, 'batch-size');
    const batchSize = batchOption ?? 32;
    if (!Number.isInteger(batchSize) || batchSize < 1) throw new UsageError(`--batch-size must be a positive integer, got ${batchSize}`);
    if (dataPath !== undefined) {
      if (inputPath !== undefined) throw new UsageError('give --input (JSON lines of inputs) or --data (a data file of the task), not both');
      if ((modelDir === undefined) === (runDir === undefined)) throw new UsageError('--data needs --run RUN_DIR or --model DIR (one of them)');
      const output = stringOption(parsed, 'output');
      const format = stringOption(parsed, 'format');
      return predictDataFile({ data: dataPath, ...(runDir ? { run: runDir } : { model: modelDir! }), ...(output ? { output } : {}), ...(format ? { format } : {}), ...(batchOption ? { batchSize } : {}) }, io);
    }
    if (modelDir === undefined) throw new UsageError('--model DIR is required');
    if (inputPath === undefined) throw new UsageError('--input FILE.jsonl (or --data FILE) is required');
    const headOption = stringOption(parsed, 'head');
    if (headOption !== undefined && !isHeadName(headOption)) throw new UsageError(`--head must be one of ${HEAD_NAMES.join(', ')}`);

    // Every line is read and checked before the model runs: a bad line N leaves no half output.
    const records = parseInputLines(await readInputFile(inputPath), inputPath);
    const backend = await initNodeBackend();
    io.stderr(`backend: ${backendSummary(backend)}\n`);
    const model = await loadModel(modelDir, headOption, io);
    try {
      const needsTokenizer = records.some(({ record }) => record.kind !== 'tokenized');
      const tokenizer = needsTokenizer ? await loadTokenizer(modelDir).catch((error: unknown) => {
        throw new UserError(`text inputs need the checkpoint's tokenizer: ${messageOf(error)}`);
      }) : undefined;
      const prepared = prepareLines(records, model, tokenizer, inputPath);

      const out: string[] = [];
      for (let start = 0; start < prepared.length; start += batchSize) {
        const batch = prepared.slice(start, start + batchSize);
        const predictions = await predictBatch(model, batch.map((p) => p.example));
        batch.forEach((p, i) => out.push(JSON.stringify(outputLine(p, predictions[i]!))));
      }
      const text = out.map((line) => line + '\n').join('');
      const outputPath = stringOption(parsed, 'output');
      if (outputPath === undefined) io.stdout(text);
      else {
        await writeFileAtomic(outputPath, text);
        io.stderr(`wrote ${out.length} predictions to ${outputPath}\n`);
      }
      return 0;
    } finally {
      model.dispose();
    }
  },
};

async function loadModel(dir: string, head: HeadName | undefined, io: CliIO): Promise<BertModel> {
  const { model, report } = await loadHfModel(dir, head ? { head } : {}).catch((error: unknown) => {
    throw new UserError(`cannot load ${dir}: ${messageOf(error)}`);
  });
  for (const warning of report.warnings) io.stderr(`warning: ${warning}\n`);
  io.stderr(`model: ${model.head.architecture}, ${model.config.num_hidden_layers} layers, hidden ${model.config.hidden_size}\n`);
  return model;
}

export function parseInputLines(content: string, path: string): { line: number; record: InputRecord }[] {
  return parseJsonLines(content, path, parseRecord);
}

function integerArray(value: unknown, name: string): number[] {
  if (!Array.isArray(value) || !value.every((v) => Number.isInteger(v))) throw new Error(`${name} must be an array of integers`);
  return value as number[];
}

function stringField(object: Record<string, unknown>, name: string): string {
  const value = object[name];
  if (typeof value !== 'string') throw new Error(`${name} must be a string`);
  return value;
}

function parseRecord(value: unknown): InputRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('expected a JSON object');
  const object = value as Record<string, unknown>;
  if ('input_ids' in object) {
    const example: TokenizedExample = { inputIds: integerArray(object.input_ids, 'input_ids') };
    if (object.token_type_ids !== undefined) example.tokenTypeIds = integerArray(object.token_type_ids, 'token_type_ids');
    if (object.attention_mask !== undefined) example.attentionMask = integerArray(object.attention_mask, 'attention_mask');
    return { kind: 'tokenized', example };
  }
  if ('question' in object || 'context' in object) return { kind: 'question', question: stringField(object, 'question'), context: stringField(object, 'context') };
  if ('tokens' in object) {
    if (!Array.isArray(object.tokens) || !object.tokens.every((t) => typeof t === 'string')) throw new Error('tokens must be an array of strings');
    return { kind: 'words', words: object.tokens as string[] };
  }
  if ('text' in object) {
    const text = stringField(object, 'text');
    return object.text_pair === undefined ? { kind: 'text', text } : { kind: 'text', text, textPair: stringField(object, 'text_pair') };
  }
  throw new Error('expected input_ids, text (+ text_pair), tokens, or question + context');
}

function encode(record: Exclude<InputRecord, { kind: 'tokenized' }>, tokenizer: BertTokenizer, maxLength: number): Encoding {
  switch (record.kind) {
    case 'text':
      return tokenizer.encode(record.text, record.textPair, { maxLength, truncation: 'longest_first' });
    case 'words':
      return tokenizer.encodeWords(record.words, undefined, { maxLength, truncation: 'longest_first' });
    case 'question':
      return tokenizer.encode(record.question, record.context, { maxLength, truncation: 'only_second' });
  }
}

function prepareLines(records: { line: number; record: InputRecord }[], model: BertModel, tokenizer: BertTokenizer | undefined, path: string): PreparedLine[] {
  const prepared: PreparedLine[] = [];
  const problems: string[] = [];
  for (const { line, record } of records) {
    try {
      if (record.kind === 'tokenized') {
        prepared.push({ line, record, example: record.example });
      } else {
        const encoding = encode(record, tokenizer!, model.config.max_position_embeddings);
        prepared.push({ line, record, encoding, example: { inputIds: encoding.inputIds, tokenTypeIds: encoding.tokenTypeIds, attentionMask: encoding.attentionMask } });
      }
      const problem = exampleProblem(prepared[prepared.length - 1]!.example, model.config);
      if (problem) throw new Error(problem);
    } catch (error) {
      problems.push(`${path} line ${line}: ${messageOf(error)}`);
    }
  }
  failOnProblems(problems);
  return prepared;
}

/** The output line: the raw outputs, the head's prediction, and for text inputs what it means in words. */
function outputLine(prepared: PreparedLine, result: ExamplePrediction): Record<string, unknown> {
  const { record, encoding } = prepared;
  const prediction: Record<string, unknown> = { ...result.prediction };
  if (encoding && record.kind === 'words') {
    prediction.words = wordLabels(record.words, encoding, result.prediction as TokenClassificationPrediction);
  }
  if (encoding && record.kind === 'question') {
    const span = result.prediction as QuestionAnsweringPrediction;
    const first = encoding.offsets[span.start];
    const last = encoding.offsets[span.end];
    prediction.answer = first && last ? record.context.slice(first[0], last[1]) : '';
  }
  return { line: prepared.line, ...result.outputs, prediction };
}

/** Each word takes the label of its first word piece, as Transformers' token classification does. */
function wordLabels(words: string[], encoding: Encoding, prediction: TokenClassificationPrediction): { word: string; label: string }[] {
  const labels: { word: string; label: string }[] = [];
  encoding.wordIds.forEach((wordId, position) => {
    if (wordId === null || labels[wordId] !== undefined) return;
    labels[wordId] = { word: words[wordId]!, label: prediction.labels[position]! };
  });
  return labels.filter((entry) => entry !== undefined);
}
