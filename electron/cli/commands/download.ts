// `bert-workbench download`: a model from the Hugging Face Hub into Hugging Face's cache
// (shared with Python tools). Prints the checkpoint folder on stdout; progress on stderr.
import { HubError } from '../../../core/hub/hub';
import { downloadModel, type DownloadProgress } from '../../../core/hub/download-node';
import { TransferRate } from '../../../core/hub/progress';
import { flag, parseArgs, stringOption } from '../args';
import { UsageError, UserError, type CliCommand, type CliIO } from '../command';

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** A bar redrawn in place on a terminal (the whole download: bytes, speed, time left); one line per finished file in a pipe. */
export function progressPrinter(io: CliIO): (progress: DownloadProgress) => void {
  let lastDraw = 0;
  const rate = new TransferRate();
  return (p) => {
    rate.add(Date.now(), p.overall.bytes);
    const total = p.totalBytes !== undefined ? ` of ${megabytes(p.totalBytes)}` : '';
    if (p.phase === 'cached') {
      io.stderr(`${p.file}: in the cache\n`);
    } else if (p.phase === 'done') {
      io.stderr(io.isTTY ? `\r\x1b[K${p.file}: ${megabytes(p.bytes)} done\n` : `${p.file}: ${megabytes(p.bytes)} downloaded\n`);
    } else if (p.phase === 'start' && p.bytes > 0) {
      if (!io.isTTY) io.stderr(`${p.file}: resuming at ${megabytes(p.bytes)}${total}\n`);
    } else if (io.isTTY && p.phase === 'progress' && Date.now() - lastDraw > 100) {
      lastDraw = Date.now();
      const { bytes, totalBytes } = p.overall;
      const share = totalBytes ? bytes / totalBytes : 0;
      const bar = totalBytes ? `[${'#'.repeat(Math.round(share * 30)).padEnd(30)}] ${(100 * share).toFixed(0).padStart(3)}% ` : '';
      const { bytesPerSecond, etaSeconds } = rate.estimate(totalBytes);
      const speed = bytesPerSecond !== undefined ? `, ${megabytes(bytesPerSecond)}/s` : '';
      const eta = etaSeconds !== undefined ? `, ${Math.ceil(etaSeconds)} s left` : '';
      io.stderr(`\r\x1b[K${p.file}: ${bar}${megabytes(bytes)}${totalBytes !== undefined ? ` of ${megabytes(totalBytes)}` : ''}${speed}${eta}`);
    }
  };
}

export const downloadCommand: CliCommand = {
  name: 'download',
  summary: 'Download a model from the Hugging Face Hub into the Hugging Face cache (HF_ENDPOINT, HF_TOKEN, HF_HOME)',
  usage: 'bert-workbench download MODEL_ID [--revision R] [--offline]',
  async run(args, io) {
    const parsed = parseArgs(args, { revision: { value: true }, offline: { value: false } });
    const [modelId, ...extra] = parsed.positionals;
    if (modelId === undefined) throw new UsageError('MODEL_ID is required (e.g. google/bert_uncased_L-4_H-256_A-4)');
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
    const revision = stringOption(parsed, 'revision');
    const result = await downloadModel(modelId, {
      ...(revision !== undefined ? { revision } : {}),
      ...(flag(parsed, 'offline') ? { offline: true } : {}),
      onProgress: progressPrinter(io),
    }).catch((error: unknown) => {
      if (error instanceof HubError) throw new UserError(error.message);
      throw error;
    });
    for (const warning of result.warnings) io.stderr(`warning: ${warning}\n`);
    io.stderr(`${result.repoId} at ${result.commit.slice(0, 10)}: ${result.downloaded.length} downloaded, ${result.cached.length} from the cache\n`);
    io.stdout(`${result.dir}\n`);
    return 0;
  },
};
