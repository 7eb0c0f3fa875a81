// Next-sentence prediction needs documents of two or more sentences; a corpus of single
// sentences (SST-2, a file without blank lines) cannot train it. Say so where the data is
// chosen, with the one click that fixes it, instead of letting the run fail at its start.
import type { DatasetReport } from '../../../../electron/contract';
import { useWorkbench } from '../../store';

export function NspNotice({ report }: { report: DatasetReport }) {
  const nsp = useWorkbench((s) => s.draft?.training.next_sentence_prediction);
  const setTrainingSetting = useWorkbench((s) => s.setTrainingSetting);
  if (report.task !== 'mlm' || !nsp || report.stats.train.multiSentenceDocuments > 0) return null;
  return (
    <div className="alert" role="status" data-testid="nsp-notice">
      No document of this corpus has two or more sentences, so next-sentence prediction has nothing to learn from.{' '}
      <button type="button" onClick={() => setTrainingSetting('next_sentence_prediction', false)} data-testid="nsp-off">
        Turn next_sentence_prediction off
      </button>{' '}
      <span className="hint">(the text is then packed into max_seq_length blocks, as run_mlm.py does)</span>
    </div>
  );
}
