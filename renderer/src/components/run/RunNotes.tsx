// Tags and notes on a run, kept in its run.json (runs.update): how people find runs again
// in a long list ("baseline", "frozen-0-5", what they were trying).
import { memo, useEffect, useState } from 'react';
import type { RunRecord } from '../../../../electron/contract';
import { parseTags } from '../../lib/runs-table';
import { useWorkbench } from '../../store';

function RunNotesView({ run }: { run: RunRecord }) {
  const updateRun = useWorkbench((s) => s.updateRun);
  const busy = useWorkbench((s) => !!s.runBusy[run.id]);
  const [tags, setTags] = useState((run.tags ?? []).join(', '));
  const [notes, setNotes] = useState(run.notes ?? '');
  useEffect(() => {
    setTags((run.tags ?? []).join(', '));
    setNotes(run.notes ?? '');
  }, [run.id, (run.tags ?? []).join(','), run.notes]);
  const changed = tags !== (run.tags ?? []).join(', ') || notes !== (run.notes ?? '');
  return (
    <form
      className="run-notes"
      onSubmit={(e) => {
        e.preventDefault();
        void updateRun(run.id, { tags: parseTags(tags), notes });
      }}
    >
      <label className="setting">
        <span>Tags (comma-separated)</span>
        <input type="text" value={tags} onChange={(e) => setTags(e.target.value)} placeholder="baseline, frozen" data-testid="run-tags" />
      </label>
      <label className="setting">
        <span>Notes</span>
        <textarea rows={2} value={notes} onChange={(e) => setNotes(e.target.value)} placeholder="what this run tries" data-testid="run-notes" />
      </label>
      <div className="actions">
        <button type="submit" disabled={!changed || busy} data-testid="save-notes">
          Save
        </button>
      </div>
    </form>
  );
}

const sameTags = (a: RunRecord, b: RunRecord) => (a.tags ?? []).join('\u0000') === (b.tags ?? []).join('\u0000');

/** Re-rendered when the tags or notes change, not on every live progress row. */
export const RunNotes = memo(RunNotesView, (a, b) => a.run.id === b.run.id && a.run.notes === b.run.notes && sameTags(a.run, b.run));
