// Words or text with entities marked in their type's colour, and the legend of the colours.
import { Fragment, type ReactNode } from 'react';
import { entitySpansFromTags, segmentText, typeColor } from '../../lib/highlight';

export function EntityLegend({ types }: { types: readonly string[] }) {
  if (types.length === 0) return null;
  return (
    <ul className="legend" aria-label="Entity types" data-testid="entity-legend">
      {types.map((type) => (
        <li key={type}>
          <span className="swatch" style={{ background: typeColor(type, types) }} />
          {type}
        </li>
      ))}
    </ul>
  );
}

function Entity({ type, types, text, confidence }: { type: string; types: readonly string[]; text: string; confidence?: number }) {
  const color = typeColor(type, types);
  const title = confidence === undefined ? type : `${type} · ${(confidence * 100).toFixed(0)}%`;
  return (
    <mark className="entity" style={{ borderColor: color, background: `${color}22` }} title={title} data-testid="entity" data-type={type}>
      {text}
      <span className="entity-type" style={{ background: color }}>
        {type}
        {confidence !== undefined && ` ${(confidence * 100).toFixed(0)}%`}
      </span>
    </mark>
  );
}

/** A tagged sentence (IOB2 tags, one per word). */
export function TaggedWords({ tokens, tags, types }: { tokens: readonly string[]; tags: readonly string[]; types: readonly string[] }) {
  const spans = entitySpansFromTags(tags);
  const parts: ReactNode[] = [];
  let at = 0;
  for (const span of spans) {
    if (span.start > at) parts.push(<Fragment key={`t${at}`}>{tokens.slice(at, span.start).join(' ')} </Fragment>);
    parts.push(<Entity key={`e${span.start}`} type={span.type} types={types} text={tokens.slice(span.start, span.end).join(' ')} />);
    parts.push(<Fragment key={`s${span.start}`}> </Fragment>);
    at = span.end;
  }
  if (at < tokens.length) parts.push(<Fragment key={`t${at}`}>{tokens.slice(at).join(' ')}</Fragment>);
  return <span className="tagged">{parts}</span>;
}

/** Free text with entities at character offsets (predictions). */
export function EntityMarkedText({ text, entities, types }: { text: string; entities: readonly { start: number; end: number; type: string; confidence: number }[]; types: readonly string[] }) {
  const segments = segmentText(text, entities.map((e) => ({ start: e.start, end: e.end, mark: e })));
  return (
    <p className="marked-text">
      {segments.map((s, i) => (s.mark ? <Entity key={i} type={s.mark.type} types={types} text={s.text} confidence={s.mark.confidence} /> : <Fragment key={i}>{s.text}</Fragment>))}
    </p>
  );
}
