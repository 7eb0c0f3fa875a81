// Import by file picker or drag and drop; the file goes to the service as bytes.
import { useRef, useState, type DragEvent } from 'react';

export function FileDrop({ onFile, busy }: { onFile: (file: File) => void; busy: boolean }) {
  const [over, setOver] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setOver(false);
    const file = event.dataTransfer.files[0];
    if (file) onFile(file);
  };
  return (
    <div
      className={over ? 'drop drop-over' : 'drop'}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={drop}
      data-testid="file-drop"
    >
      <p>
        <strong>Drop a data file here</strong> or{' '}
        <button type="button" className="linkish" onClick={() => input.current?.click()} disabled={busy}>
          choose one
        </button>
      </p>
      <p className="hint">CSV, TSV or JSON lines for classification; CoNLL or JSON lines for NER; SQuAD JSON for question answering; plain text (.txt, a sentence per line, a blank line between documents) or a table's text column for pre-training.</p>
      <input
        ref={input}
        type="file"
        className="visually-hidden"
        accept=".csv,.tsv,.txt,.json,.jsonl,.conll,.iob,.bio"
        data-testid="file-input"
        aria-label="Choose a data file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) onFile(file);
          e.target.value = '';
        }}
      />
      {busy && <p role="status">Importing…</p>}
    </div>
  );
}
