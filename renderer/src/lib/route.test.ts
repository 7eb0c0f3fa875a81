import { describe, expect, it } from 'vitest';
import { formatRoute, parseHash, type Route } from './route';

describe('routes', () => {
  it('round-trips every page', () => {
    const routes: Route[] = [
      { page: 'overview' },
      { page: 'datasets' },
      { page: 'new-run' },
      { page: 'runs' },
      { page: 'run', id: '20250101-120000-bert-tiny-ab12' },
      { page: 'distil', id: '20250101-120000-bert-tiny-ab12' },
      { page: 'compare', ids: ['a', 'b'], baseline: 'a' },
      { page: 'compare', ids: [] },
      { page: 'playground', id: 'x' },
      { page: 'playground' },
      { page: 'export', id: 'y' },
    ];
    for (const route of routes) expect(parseHash(formatRoute(route))).toEqual(route);
  });

  it('falls back to the overview for an empty or unknown hash', () => {
    expect(parseHash('')).toEqual({ page: 'overview' });
    expect(parseHash('#/nowhere')).toEqual({ page: 'overview' });
  });

  it('decodes ids and tolerates bad escapes', () => {
    expect(parseHash('#/runs/a%20b')).toEqual({ page: 'run', id: 'a b' });
    expect(parseHash('#/runs/%E0%A4%A')).toEqual({ page: 'run', id: '%E0%A4%A' });
  });
});
