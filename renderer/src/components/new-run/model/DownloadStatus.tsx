// A model download as the person watches it: bytes of the total, speed and time left,
// Cancel; after a failure, why, and (for a gated model) where the token goes.
import type { DownloadState } from '../../../../../electron/contract';
import { bytes, duration, percent } from '../../../format';
import { useWorkbench } from '../../../store';
import { TokenField } from './TokenField';

export function DownloadStatus({ download }: { download: DownloadState }) {
  const cancelDownload = useWorkbench((s) => s.cancelDownload);
  const startDownload = useWorkbench((s) => s.startDownload);
  const { hubId, revision } = download;
  if (download.status === 'downloading') {
    const share = download.totalBytes ? download.bytes / download.totalBytes : undefined;
    return (
      <div className="download" data-testid="download-progress" data-status="downloading">
        <div className="progress-track" role="progressbar" aria-label={`Downloading ${hubId}`} aria-valuemin={0} aria-valuemax={download.totalBytes ?? 0} aria-valuenow={download.bytes}>
          <div className="progress-fill progress-running" style={{ width: share !== undefined ? percent(share, 1) : '2%' }} />
        </div>
        <span className="progress-text" data-testid="download-bytes">
          Downloading {hubId}: {bytes(download.bytes)}
          {download.totalBytes !== undefined ? ` of ${bytes(download.totalBytes)} (${percent(share ?? 0)})` : ' (checking config.json)'}
          {download.bytesPerSecond !== undefined && ` · ${bytes(download.bytesPerSecond)}/s`}
          {download.etaSeconds !== undefined && ` · about ${duration(download.etaSeconds)} left`}
        </span>
        <button type="button" onClick={() => void cancelDownload(hubId, revision)} data-testid="cancel-download">
          Cancel
        </button>
      </div>
    );
  }
  if (download.status === 'completed') {
    return (
      <p className="ok" data-testid="download-progress" data-status="completed">
        Downloaded {hubId} at commit <code>{download.commit?.slice(0, 10)}</code>.
        {download.warnings?.map((w) => (
          <span key={w} className="hint"> {w}</span>
        ))}
      </p>
    );
  }
  return (
    <div className={download.status === 'cancelled' ? 'note' : 'alert'} role="alert" data-testid="download-progress" data-status={download.status}>
      <p>{download.status === 'cancelled' ? `Download of ${hubId} cancelled: what arrived is kept, and downloading again resumes from there.` : download.error}</p>
      {download.errorKind === 'gated' && <TokenField />}
      {download.errorKind !== 'not-bert' && (
        <button type="button" onClick={() => void startDownload(hubId, revision)} data-testid="retry-download">
          {download.status === 'cancelled' ? 'Resume the download' : 'Try again'}
        </button>
      )}
    </div>
  );
}
