// The three ways a page tells the person something: an error from the service, an empty
// state that says what to do first, and a quiet "loading" line.
import type { ReactNode } from 'react';

export function ErrorNote({ message, testId }: { message: string | null | undefined; testId?: string }) {
  if (!message) return null;
  return (
    <div className="alert" role="alert" data-testid={testId ?? 'error'}>
      {message}
    </div>
  );
}

export function EmptyState({ title, children, testId }: { title: string; children?: ReactNode; testId?: string }) {
  return (
    <div className="empty-state" data-testid={testId ?? 'empty-state'}>
      <h3>{title}</h3>
      {children}
    </div>
  );
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="empty" role="status">
      {what}…
    </p>
  );
}
