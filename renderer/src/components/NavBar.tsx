import type { PageName, Route } from '../lib/route';
import { useWorkbench } from '../store';
import { Link } from './Link';

const ITEMS: { label: string; to: Route; pages: PageName[] }[] = [
  { label: 'Overview', to: { page: 'overview' }, pages: ['overview'] },
  { label: 'Datasets', to: { page: 'datasets' }, pages: ['datasets'] },
  { label: 'New run', to: { page: 'new-run' }, pages: ['new-run'] },
  { label: 'Runs', to: { page: 'runs' }, pages: ['runs', 'run', 'distil'] },
  { label: 'Compare', to: { page: 'compare', ids: [] }, pages: ['compare'] },
  { label: 'Playground', to: { page: 'playground' }, pages: ['playground'] },
  { label: 'Export', to: { page: 'export' }, pages: ['export'] },
];

export function NavBar() {
  const page = useWorkbench((s) => s.route.page);
  return (
    <nav className="nav" aria-label="Pages">
      <ul>
        {ITEMS.map((item) => (
          <li key={item.label}>
            <Link to={item.to} current={item.pages.includes(page)} testId={`nav-${item.to.page}`}>
              {item.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
