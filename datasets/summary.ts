// A loaded data set in words, for the CLI and logs: one block per split, then the problems.
// The UI draws the same statistics from Dataset.stats instead.
import { formatProblem } from './problems';
import type { Dataset } from './load';
import type { StatsOf } from './task-definition';
import type { Task } from './types';
import type { LengthStats } from './stats/lengths';
import { share } from './stats/counts';

// Totals first, then shares: "3,250 sentences, 5,942 entities" says how much there is to
// learn from; the percentages alone do not.
const STATS_LINES: { [T in Task]: (stats: StatsOf[T]) => string[] } = {
  classification: (stats) => [
    `${plural(stats.examples, 'example')}${stats.pairs ? ` (${plural(stats.pairs, 'sentence pair')})` : ''}, ${plural(Object.keys(stats.labels).length, 'label')}`,
    `labels: ${distribution(stats.labels, stats.examples)}`,
    ...lengthLines(stats.lengths),
  ],
  ner: (stats) => [
    `${plural(stats.sentences, 'sentence')}, ${plural(stats.tokens, 'word')}, ${plural(stats.entityCount, 'entity', 'entities')}`,
    `entities: ${distribution(stats.entities, stats.entityCount) || 'none'}`,
    ...(stats.wordsWithoutPieces ? [`${plural(stats.wordsWithoutPieces, 'word')} give no word pieces`] : []),
    ...lengthLines(stats.lengths),
  ],
  qa: (stats) => [
    `${plural(stats.questions, 'question')} on ${plural(stats.contexts, 'context')} (${plural(stats.articles, 'article')})`,
    `answerable ${count(stats.answerable)} (${share(stats.answerable, stats.questions)}), unanswerable ${count(stats.unanswerable)} (${share(stats.unanswerable, stats.questions)})`,
    ...(stats.windows !== undefined ? [`${plural(stats.windows, 'window')} at max_seq_length ${stats.lengths?.maxSeqLength}`] : []),
    ...lengthLines(stats.lengths),
  ],
  mlm: (stats) => [
    `${plural(stats.documents, 'document')}, ${plural(stats.sentences, 'sentence')} (${plural(stats.multiSentenceDocuments, 'document')} of two or more sentences)`,
    ...(stats.tokens !== undefined ? [`${plural(stats.tokens, 'word piece')}, [UNK] ${stats.unknownTokens} (${share(stats.unknownTokens ?? 0, stats.tokens)})`] : []),
    ...lengthLines(stats.lengths),
  ],
};

export function summarizeDataset<T extends Task>(dataset: Dataset<T>, files: { train: string; validation?: string }): string {
  const statsLines = STATS_LINES[dataset.task];
  const validationName = dataset.validationFrom === 'file' ? files.validation : dataset.validationFrom === 'split' ? `${files.train} (split)` : undefined;
  const blocks = [`train: ${files.train}${dataset.formats.train ? ` (${dataset.formats.train})` : ''}`, ...columnLines(dataset), ...statsLines(dataset.stats.train).map((l) => `  ${l}`)];
  if (validationName) blocks.push(`validation: ${validationName}`, ...statsLines(dataset.stats.validation).map((l) => `  ${l}`));
  const errors = dataset.problems.filter((p) => p.severity === 'error').length;
  const warnings = dataset.problems.length - errors;
  if (dataset.problems.length) blocks.push('', ...dataset.problems.map(formatProblem));
  blocks.push('', dataset.valid ? `valid${warnings ? ` (${plural(warnings, 'warning')})` : ''}` : `not valid: ${plural(errors, 'error')}${warnings ? `, ${plural(warnings, 'warning')}` : ''}`);
  return blocks.join('\n') + '\n';
}

/** "columns: text = review_body (given), label = stars_sentiment (guessed)" and the label names given. */
function columnLines<T extends Task>(dataset: Dataset<T>): string[] {
  const lines: string[] = [];
  const report = dataset.columns;
  if (report) {
    const roles = (Object.keys(report.chosen) as (keyof typeof report.chosen)[]).filter((role) => typeof report.chosen[role] === 'string');
    const chosen = roles.map((role) => `${role} = ${report.chosen[role]} (${report.given.includes(role) ? 'given' : 'guessed'})`);
    lines.push(`  columns: ${chosen.join(', ') || 'none resolved'}; the file has ${report.available.join(', ')}`);
  }
  const written = dataset.labelsAsWritten;
  if (written) lines.push(`  label names: ${dataset.labels.map((name, id) => (written[id] === name ? name : `${written[id]} → ${name}`)).join(', ')}`);
  return lines;
}

function distribution(counts: Record<string, number>, total: number): string {
  return Object.entries(counts)
    .sort((a, b) => b[1] - a[1])
    .map(([label, n]) => `${label} ${count(n)} (${share(n, total)})`)
    .join(', ');
}

function lengthLines(lengths: LengthStats | undefined): string[] {
  if (!lengths || lengths.count === 0) return [];
  const bins = lengths.histogram.slice(lengths.histogram.findIndex((b) => b.count > 0));
  const widest = Math.max(...bins.map((b) => b.count));
  const bars = bins.map((bin) => `    ${String(bin.from).padStart(4)}–${String(bin.to - 1).padEnd(4)} ${'█'.repeat(Math.ceil((30 * bin.count) / widest))} ${bin.count}`);
  return [
    `word pieces: min ${lengths.min}, median ${lengths.median}, p95 ${lengths.p95}, max ${lengths.max}; ${count(lengths.overMax)} (${share(lengths.overMax, lengths.count)}) over max_seq_length ${lengths.maxSeqLength}`,
    ...bars,
  ];
}

function plural(n: number, word: string, words = `${word}s`): string {
  return `${count(n)} ${n === 1 ? word : words}`;
}

/** 5942 → "5,942": totals are read at a glance. */
function count(n: number): string {
  return n.toLocaleString('en-US');
}
