// In-app links are real <a href="#/…"> (keyboard, middle-click, copy link) that go through the store.
import type { MouseEvent, ReactNode } from 'react';
import { formatRoute, type Route } from '../lib/route';
import { useWorkbench } from '../store';

export function Link({ to, children, className, testId, current }: { to: Route; children: ReactNode; className?: string; testId?: string; current?: boolean }) {
  const navigate = useWorkbench((s) => s.navigate);
  const onClick = (event: MouseEvent) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={formatRoute(to)} onClick={onClick} className={className} data-testid={testId} aria-current={current ? 'page' : undefined}>
      {children}
    </a>
  );
}
