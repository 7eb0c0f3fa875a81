// Reading one QA file (a SQuAD JSON document or JSON lines) into examples.
import type { ProblemLog } from '../problems';
import type { ByteSource } from '../source';
import type { QaExample } from '../types';
import { openDataFile } from '../open';
import { readJsonlQuestions } from './jsonl';
import { readSquadDocument } from './squad';

export type QaFormat = 'json' | 'jsonl';

export interface QaReadOptions {
  format?: QaFormat;
}

export interface QaFile {
  examples: QaExample[];
  format?: QaFormat;
}

const FORMATS: readonly QaFormat[] = ['json', 'jsonl'];

export async function readQaFile(source: ByteSource, options: QaReadOptions, log: ProblemLog): Promise<QaFile> {
  const file = source.name;
  const opened = await openDataFile(source, 'qa', FORMATS, options.format, log);
  if (!opened) return { examples: [] };
  const examples = opened.format === 'json' ? await readSquadDocument(opened.chunks, file, log) : await readJsonlQuestions(opened.chunks, file, log);
  reportDuplicateIds(examples, file, log);
  if (examples.length === 0 && !log.hasErrorsIn(file)) log.error(file, 'no-examples', 'no questions in the file');
  return { examples, format: opened.format };
}

/** Evaluation matches predictions to questions by id; two questions with one id score wrongly. */
function reportDuplicateIds(examples: readonly QaExample[], file: string, log: ProblemLog): void {
  const seen = new Set<string>();
  for (const example of examples) {
    if (seen.has(example.id)) log.warning(file, 'duplicate-id', `question id "${example.id}" is used more than once`, { record: example.id, line: example.line });
    seen.add(example.id);
  }
}
