// "Show as config": the exact run config JSON that runs.create receives and
// `bert-workbench train --config` takes, with a copy button.
import { useState } from 'react';

export function ConfigView({ config }: { config: unknown }) {
  const [open, setOpen] = useState(false);
  const [copied, setCopied] = useState<string | null>(null);
  const text = JSON.stringify(config, null, 2);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('Copied.');
    } catch {
      setCopied('The clipboard is not available here: select the text and copy it.');
    }
  };
  return (
    <div className="config-view">
      <button type="button" onClick={() => setOpen(!open)} aria-expanded={open} data-testid="show-config">
        {open ? 'Hide config' : 'Show as config'}
      </button>
      {open && (
        <div>
          <p className="hint">
            Save as <code>run.json</code> and run <code>bert-workbench train --config run.json</code> for the same run from a terminal.
          </p>
          <pre className="code" data-testid="config-json" tabIndex={0}>
            {text}
          </pre>
          <button type="button" onClick={() => void copy()} data-testid="copy-config">
            Copy
          </button>{' '}
          {copied && <span className="hint" role="status">{copied}</span>}
        </div>
      )}
    </div>
  );
}
