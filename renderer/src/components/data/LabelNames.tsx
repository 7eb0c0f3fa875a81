// Rename labels before training: "0"/"1" in the file become "negative"/"positive" in the
// model's config.json (id2label), the playground, the metrics and every export. Ids stay
// those of the labels as the file writes them.
import { useState } from 'react';
import type { DatasetReport } from '../../../../electron/contract';
import { exactCount } from '../../format';

interface Props {
  report: DatasetReport;
  names: Record<string, string> | undefined;
  onChange: (names: Record<string, string>) => void;
}

export function LabelNames({ report, names, onChange }: Props) {
  if (report.task !== 'classification' || report.labels.length === 0) return null;
  const counts = report.stats.train.labels;
  const written = (id: number) => report.labelsAsWritten?.[id] ?? report.labels[id] ?? '';
  const rename = (from: string, to: string) => {
    const next = { ...(names ?? {}) };
    if (to === '' || to === from) delete next[from];
    else next[from] = to;
    onChange(next);
  };
  return (
    <div className="label-names" data-testid="label-names">
      <h4>Label names</h4>
      <table className="table">
        <thead>
          <tr>
            <th scope="col">id</th>
            <th scope="col">In the file</th>
            <th scope="col">Name for the model</th>
            <th scope="col">Training examples</th>
          </tr>
        </thead>
        <tbody>
          {report.labels.map((name, id) => (
            <LabelRow key={`${written(id)}\u0000${name}`} id={id} written={written(id)} name={name} count={counts[name] ?? 0} taken={report.labels.filter((_, other) => other !== id)} onRename={rename} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function LabelRow({ id, written, name, count, taken, onRename }: { id: number; written: string; name: string; count: number; taken: string[]; onRename: (from: string, to: string) => void }) {
  const [text, setText] = useState(name);
  const wanted = text.trim();
  const clash = wanted !== name && taken.includes(wanted) ? `“${wanted}” is already another label’s name` : null;
  const commit = () => {
    if (!clash && wanted !== name) onRename(written, wanted || written);
  };
  return (
    <tr>
      <td className="num">{id}</td>
      <td>
        <code>{written}</code>
      </td>
      <td>
        <input
          type="text"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => e.key === 'Enter' && commit()}
          aria-label={`Name of label ${written}`}
          aria-invalid={clash ? true : undefined}
          data-testid={`label-name-${id}`}
        />
        {clash && <div className="field-error">{clash}</div>}
      </td>
      <td className="num">{exactCount(count)}</td>
    </tr>
  );
}
