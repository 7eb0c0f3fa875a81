// The data sets this app keeps (datasets.list): each under its own name, with its size,
// task and import date; open, rename or delete one. Survives reloads and restarts.
import { useState } from 'react';
import type { DatasetEntry, TaskKind } from '../../../../electron/contract';
import { bytes, dateTime } from '../../format';
import { useWorkbench } from '../../store';
import { TASK_LABELS } from '../../tasks';

export function DatasetLibrary({ fallbackTask }: { fallbackTask: TaskKind }) {
  const library = useWorkbench((s) => s.library);
  const selection = useWorkbench((s) => s.selection);
  const selectLibraryDataset = useWorkbench((s) => s.selectLibraryDataset);
  if (library.length === 0) return <p className="empty">No data sets yet: the files you import are kept here, under their own names.</p>;
  return (
    <ul className="library" data-testid="imported-files">
      {library.map((entry) => (
        <LibraryRow key={entry.id} entry={entry} selected={selection?.datasetId === entry.id} onOpen={() => selectLibraryDataset(entry, fallbackTask)} />
      ))}
    </ul>
  );
}

function LibraryRow({ entry, selected, onOpen }: { entry: DatasetEntry; selected: boolean; onOpen: () => void }) {
  const renameDataset = useWorkbench((s) => s.renameDataset);
  const deleteDataset = useWorkbench((s) => s.deleteDataset);
  const [mode, setMode] = useState<'view' | 'rename' | 'delete'>('view');
  const [name, setName] = useState(entry.name);
  const id = `dataset-${entry.id}`;
  return (
    <li className={selected ? 'library-row library-row-on' : 'library-row'} data-testid={id}>
      {mode === 'rename' ? (
        <form
          className="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            void renameDataset(entry.id, name).then((ok) => ok && setMode('view'));
          }}
        >
          <input type="text" value={name} onChange={(e) => setName(e.target.value)} aria-label={`New name for ${entry.name}`} data-testid={`${id}-name-input`} autoFocus />
          <button type="submit" className="primary" disabled={name.trim() === ''} data-testid={`${id}-save`}>
            Save
          </button>
          <button type="button" onClick={() => setMode('view')}>
            Cancel
          </button>
        </form>
      ) : (
        <button type="button" className="linkish library-name" onClick={onOpen} aria-pressed={selected} data-testid={`${id}-open`}>
          {entry.name}
        </button>
      )}
      <span className="hint">
        {entry.task ? `${TASK_LABELS[entry.task]} · ` : ''}
        {bytes(entry.bytes)} · imported {dateTime(entry.importedAt)}
        {entry.name !== entry.fileName ? ` · file ${entry.fileName}` : ''}
      </span>
      {mode === 'delete' ? (
        <span className="actions" role="group" aria-label={`Delete ${entry.name}?`}>
          <span>Delete “{entry.name}”? Runs trained on it keep their models.</span>
          <button type="button" className="danger" onClick={() => void deleteDataset(entry.id)} data-testid={`${id}-confirm-delete`}>
            Delete
          </button>
          <button type="button" onClick={() => setMode('view')}>
            Keep it
          </button>
        </span>
      ) : (
        mode === 'view' && (
          <span className="actions">
            <button type="button" onClick={() => { setName(entry.name); setMode('rename'); }} data-testid={`${id}-rename`}>
              Rename
            </button>
            <button type="button" className="danger" onClick={() => setMode('delete')} data-testid={`${id}-delete`}>
              Delete
            </button>
          </span>
        )
      )}
    </li>
  );
}
