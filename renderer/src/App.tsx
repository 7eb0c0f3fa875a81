import { useEffect } from 'react';
import { useWorkbench } from './store';
import { BackendBadge } from './components/BackendBadge';
import { Overview } from './pages/Overview';

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

export function App() {
  const connect = useWorkbench((s) => s.connect);
  const connected = useWorkbench((s) => s.connection === 'connected');
  useEffect(() => {
    void connect();
  }, [connect]);
  return (
    <div className="app">
      <header className="topbar">
        <h1>BERT Workbench</h1>
        <BackendBadge />
      </header>
      <main>
        <ConnectionState />
        {connected && <Overview />}
      </main>
    </div>
  );
}
