// The statistics of one split: what the labels look like and how long the examples are.
import type { DatasetReport, LengthStats } from '../../../../electron/contract';
import { exactCount, percent } from '../../format';
import { entityTypes, typeColor } from '../../lib/highlight';
import type { Split } from '../../lib/problem-row';
import { CountBars } from '../charts/CountBars';
import { CountTable } from './CountTable';
import { LengthHistogram } from '../charts/LengthHistogram';
import { CorpusStats } from './CorpusStats';

function Lengths({ lengths, qa, tokenizer }: { lengths: LengthStats | undefined; qa: boolean; tokenizer?: string | undefined }) {
  if (!lengths) return <p className="hint">Token lengths need the model's vocabulary; the service did not report them.</p>;
  return (
    <div>
      <h4>Token lengths</h4>
      <LengthHistogram lengths={lengths} />
      <p data-testid="truncated-count" className={lengths.overMax > 0 ? 'warn-text' : 'hint'}>
        {lengths.overMax > 0
          ? `${exactCount(lengths.overMax)} of ${exactCount(lengths.count)} examples are longer than max_seq_length ${lengths.maxSeqLength} and would be ${qa ? 'split into windows' : 'truncated'}.`
          : `No example is longer than max_seq_length ${lengths.maxSeqLength}.`}{' '}
        <span className="hint">
          median {lengths.median}, 95th percentile {lengths.p95}, longest {lengths.max}.
          {tokenizer && <span data-testid="stats-counted-with"> Tokens counted with {tokenizer}.</span>}
        </span>
      </p>
    </div>
  );
}

export function DatasetStats({ report, split }: { report: DatasetReport; split: Split }) {
  switch (report.task) {
    case 'classification': {
      const s = report.stats[split];
      return (
        <div className="stats-grid">
          <div>
            <h4 data-testid="split-totals">
              {exactCount(Object.keys(s.labels).length)} labels, {exactCount(s.examples)} examples{s.pairs ? `, ${exactCount(s.pairs)} pairs` : ''}
            </h4>
            <CountBars counts={s.labels} testId="label-chart" />
            <CountTable counts={s.labels} what="label" testId="label-counts" />
          </div>
          <Lengths lengths={s.lengths} qa={false} tokenizer={report.tokenizer} />
        </div>
      );
    }
    case 'ner': {
      const s = report.stats[split];
      const types = entityTypes(report.labels);
      return (
        <div className="stats-grid">
          <div>
            <h4 data-testid="split-totals">
              {exactCount(s.entityCount)} entities in {exactCount(s.sentences)} sentences, {exactCount(s.tokens)} words
            </h4>
            <CountBars counts={s.entities} colors={(name) => typeColor(name, types)} testId="entity-chart" />
            <CountTable counts={s.entities} what="entity type" testId="entity-counts" />
            {!!s.wordsWithoutPieces && <p className="warn-text">{exactCount(s.wordsWithoutPieces)} words give no word pieces and cannot carry a label.</p>}
          </div>
          <Lengths lengths={s.lengths} qa={false} tokenizer={report.tokenizer} />
        </div>
      );
    }
    case 'qa': {
      const s = report.stats[split];
      return (
        <div className="stats-grid">
          <div>
            <h4 data-testid="split-totals">
              {exactCount(s.questions)} questions on {exactCount(s.contexts)} contexts: {exactCount(s.answerable)} answerable, {exactCount(s.unanswerable)} not
            </h4>
            <CountBars counts={{ answerable: s.answerable, unanswerable: s.unanswerable }} colors={(name) => (name === 'answerable' ? '#009e73' : '#d55e00')} testId="answerable-chart" />
            <p className="hint">
              {percent(1 - s.unanswerableShare)} answerable{s.windows !== undefined ? `; ${exactCount(s.windows)} windows at this max_seq_length and doc_stride` : ''}.
            </p>
          </div>
          <Lengths lengths={s.lengths} qa tokenizer={report.tokenizer} />
        </div>
      );
    }
    case 'mlm':
      return <CorpusStats stats={report.stats[split]} />;
  }
}
