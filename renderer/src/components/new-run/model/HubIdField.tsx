// Any model on the Hub by its id (and a branch, tag or commit): downloaded on "Use", which
// also checks that it is a BERT before fetching its weights.
import { useState } from 'react';

export function HubIdField({ current, onUse }: { current: { hub: string; revision: string } | undefined; onUse: (hubId: string, revision: string) => void }) {
  const [id, setId] = useState(current?.hub ?? '');
  const [revision, setRevision] = useState(current?.revision ?? 'main');
  const use = () => id.trim() && onUse(id.trim(), revision.trim() || 'main');
  return (
    <fieldset className="subpanel">
      <legend>Any model on the Hugging Face Hub</legend>
      <div className="inline-form">
        <input type="text" className="wide" value={id} placeholder="org/name, e.g. dslim/bert-base-NER" aria-label="Hub model id" onChange={(e) => setId(e.target.value)} data-testid="hub-id" />
        <input type="text" value={revision} aria-label="Revision" title="branch, tag or commit" onChange={(e) => setRevision(e.target.value)} data-testid="hub-revision" />
        <button type="button" onClick={use} disabled={!id.trim()} data-testid="use-hub-id">
          Use
        </button>
      </div>
    </fieldset>
  );
}
