// The page lives in the URL hash (`#/runs/<id>`), so a reload shows the same page and the
// browser's back button works. The query string is left alone: browser mode keeps its
// access token there.

export type Route =
  | { page: 'overview' }
  | { page: 'datasets' }
  | { page: 'new-run' }
  | { page: 'runs' }
  | { page: 'run'; id: string }
  /** Distil a finished run (the teacher) into a student. */
  | { page: 'distil'; id: string }
  | { page: 'compare'; ids: string[]; baseline?: string }
  | { page: 'playground'; id?: string }
  | { page: 'export'; id?: string };

export type PageName = Route['page'];

export function parseHash(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const [head, ...rest] = path.split('/').filter(Boolean).map(safeDecode);
  const id = rest[0];
  const params = new URLSearchParams(query);
  switch (head) {
    case 'datasets':
      return { page: 'datasets' };
    case 'new':
      return { page: 'new-run' };
    case 'runs':
      if (id && rest[1] === 'distil') return { page: 'distil', id };
      return id ? { page: 'run', id } : { page: 'runs' };
    case 'compare': {
      const ids = (params.get('runs') ?? '').split(',').filter(Boolean);
      const baseline = params.get('baseline') ?? undefined;
      return baseline ? { page: 'compare', ids, baseline } : { page: 'compare', ids };
    }
    case 'playground':
      return id ? { page: 'playground', id } : { page: 'playground' };
    case 'export':
      return id ? { page: 'export', id } : { page: 'export' };
    default:
      return { page: 'overview' };
  }
}

export function formatRoute(route: Route): string {
  const enc = encodeURIComponent;
  switch (route.page) {
    case 'overview':
      return '#/';
    case 'datasets':
      return '#/datasets';
    case 'new-run':
      return '#/new';
    case 'runs':
      return '#/runs';
    case 'run':
      return `#/runs/${enc(route.id)}`;
    case 'distil':
      return `#/runs/${enc(route.id)}/distil`;
    case 'compare': {
      const params = new URLSearchParams();
      if (route.ids.length) params.set('runs', route.ids.join(','));
      if (route.baseline) params.set('baseline', route.baseline);
      const q = params.toString();
      return q ? `#/compare?${q}` : '#/compare';
    }
    case 'playground':
      return route.id ? `#/playground/${enc(route.id)}` : '#/playground';
    case 'export':
      return route.id ? `#/export/${enc(route.id)}` : '#/export';
  }
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return part;
  }
}
