import { useEffect } from 'react';
import { useWorkbench } from './store';
import { BackendBadge } from './components/BackendBadge';
import { NavBar } from './components/NavBar';
import { Overview } from './pages/Overview';
import { Datasets } from './pages/Datasets';
import { NewRun } from './pages/NewRun';
import { Runs } from './pages/Runs';
import { RunView } from './pages/RunView';
import { Distil } from './pages/Distil';
import { Compare } from './pages/Compare';
import { Playground } from './pages/Playground';
import { Export } from './pages/Export';

function ConnectionState() {
  const connection = useWorkbench((s) => s.connection);
  const connectionError = useWorkbench((s) => s.connectionError);
  const overviewError = useWorkbench((s) => s.overviewError);
  if (connection === 'failed') {
    return (
      <div className="alert" role="alert">
        <strong>Cannot reach the workbench service.</strong> {connectionError}
      </div>
    );
  }
  if (overviewError) {
    return (
      <div className="alert" role="alert">
        <strong>The service answered with an error.</strong> {overviewError}
      </div>
    );
  }
  if (connection !== 'connected') return <p className="empty">Connecting to the workbench service…</p>;
  return null;
}

function CurrentPage() {
  const route = useWorkbench((s) => s.route);
  switch (route.page) {
    case 'overview':
      return <Overview />;
    case 'datasets':
      return <Datasets />;
    case 'new-run':
      return <NewRun />;
    case 'runs':
      return <Runs />;
    case 'run':
      return <RunView id={route.id} />;
    case 'distil':
      return <Distil id={route.id} />;
    case 'compare':
      return <Compare ids={route.ids} baseline={route.baseline} />;
    case 'playground':
      return <Playground id={route.id} />;
    case 'export':
      return <Export id={route.id} />;
  }
}

export function App() {
  const connect = useWorkbench((s) => s.connect);
  const syncRouteFromHash = useWorkbench((s) => s.syncRouteFromHash);
  // Once connected, pages stay visible (with the alert above) if the connection drops later.
  const connected = useWorkbench((s) => s.client !== null);
  useEffect(() => {
    void connect();
  }, [connect]);
  useEffect(() => {
    window.addEventListener('popstate', syncRouteFromHash);
    window.addEventListener('hashchange', syncRouteFromHash);
    return () => {
      window.removeEventListener('popstate', syncRouteFromHash);
      window.removeEventListener('hashchange', syncRouteFromHash);
    };
  }, [syncRouteFromHash]);
  return (
    <div className="app">
      <header className="topbar">
        <h1>BERT Workbench</h1>
        <BackendBadge />
      </header>
      <div className="shell">
        {connected && <NavBar />}
        <main>
          <ConnectionState />
          {connected && <CurrentPage />}
        </main>
      </div>
    </div>
  );
}
