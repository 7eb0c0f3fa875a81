// A pre-training corpus in numbers: documents and sentences (next-sentence prediction
// needs documents of two or more), word pieces under the vocabulary and their [UNK]
// share, and how long the sentences are.
import type { CorpusStats as Stats } from '../../../../electron/contract';
import { exactCount, percent } from '../../format';
import { LengthHistogram } from '../charts/LengthHistogram';

export function CorpusStats({ stats }: { stats: Stats }) {
  return (
    <div className="stats-grid" data-testid="corpus-stats">
      <dl className="facts">
        <dt>Documents</dt>
        <dd data-testid="corpus-documents">{exactCount(stats.documents)}</dd>
        <dt>Sentences</dt>
        <dd data-testid="corpus-sentences">{exactCount(stats.sentences)}</dd>
        <dt>Documents of 2+ sentences</dt>
        <dd className={stats.multiSentenceDocuments === 0 ? 'warn-text' : undefined}>
          {exactCount(stats.multiSentenceDocuments)}
          {stats.multiSentenceDocuments === 0 && <span className="hint"> — next-sentence prediction needs them; turn it off to pack the text into blocks</span>}
        </dd>
        {stats.tokens !== undefined && (
          <>
            <dt>Word pieces</dt>
            <dd data-testid="corpus-tokens">{exactCount(stats.tokens)}</dd>
            <dt>[UNK] rate</dt>
            <dd data-testid="corpus-unk" className={(stats.unknownRate ?? 0) > 0.01 ? 'warn-text' : undefined}>
              {percent(stats.unknownRate ?? 0, 2)} <span className="hint">({exactCount(stats.unknownTokens ?? 0)} pieces the vocabulary cannot represent)</span>
            </dd>
          </>
        )}
      </dl>
      {stats.lengths ? (
        <div>
          <h4>Word pieces per sentence</h4>
          <LengthHistogram lengths={stats.lengths} />
          <p className="hint">
            median {stats.lengths.median}, 95th percentile {stats.lengths.p95}, longest {stats.lengths.max}.
          </p>
        </div>
      ) : (
        <p className="hint">Token counts need the model's vocabulary; the service did not report them.</p>
      )}
    </div>
  );
}
