// The examples each task's parsers produce: plain data, independent of the file format,
// with the line they came from so that later checks can still point into the file.

/** `mlm`: domain pre-training on unlabelled text (masked LM, next-sentence prediction). */
export type Task = 'classification' | 'ner' | 'qa' | 'mlm';

export const TASKS: readonly Task[] = ['classification', 'ner', 'qa', 'mlm'];

/** How messages name the tasks. */
export const TASK_NAMES: Record<Task, string> = { classification: 'classification', ner: 'NER', qa: 'question answering', mlm: 'pre-training' };

export interface ClassificationExample {
  text: string;
  /** The second sentence of a pair task (MRPC, QNLI, MNLI, …). */
  textPair?: string;
  /** The label as written in the file: a name ("positive") or an integer ("1"). */
  label: string;
  line: number;
}

export interface NerExample {
  tokens: string[];
  /** One tag per token, converted to IOB2 whatever scheme the file used. */
  tags: string[];
  /** Line of the sentence's first token (CoNLL) or of the record (JSON lines). */
  line: number;
  /** CoNLL: token i is on line + i. JSON lines: all tokens are on `line`. */
  tokenPerLine?: boolean;
}

/** The line a word of an NER example is on. */
export function nerTokenLine(example: NerExample, index: number): number {
  return example.tokenPerLine ? example.line + index : example.line;
}

export interface QaAnswer {
  text: string;
  /**
   * Where the answer starts in the context, as a JavaScript string index (UTF-16 units).
   * Files count code points (Python); qa/offsets.ts converts both ways.
   */
  start: number;
}

export interface QaExample {
  id: string;
  title?: string;
  question: string;
  context: string;
  /** Empty for unanswerable questions; SQuAD dev sets list several annotators' answers. */
  answers: QaAnswer[];
  isImpossible: boolean;
  line?: number;
}

/** A document of a pre-training corpus: its sentences in order. */
export interface CorpusDocument {
  sentences: string[];
  /** Line of the first sentence (or of the table row). */
  line: number;
}

export interface ExampleOf {
  classification: ClassificationExample;
  ner: NerExample;
  qa: QaExample;
  mlm: CorpusDocument;
}
