// `bert-workbench models`: the pretrained checkpoints of the catalogue (what to fine-tune),
// the architecture-only presets (random weights, for pre-training from scratch), or with
// --downloaded what Hugging Face's cache on this machine already holds. Every figure comes
// from the core (catalogue.ts, config.ts), the same as the app's Model step.
import { hubCacheDir } from '../../../core/hub/cache-node';
import { scanHubCache } from '../../../core/hub/cache-scan-node';
import { formatCount, PRESET_NAMES, PRESETS, countParameters } from '../../../core/model/config';
import { catalogueInfos, cachedModelInfo } from '../../service/models';
import { flag, parseArgs } from '../args';
import { UsageError, type CliCommand, type CliIO } from '../command';

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;
}

/** Columns padded to their widest cell; `numeric` columns right-aligned; the last column free. */
function printTable(io: CliIO, rows: string[][], numeric: ReadonlySet<number>): void {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  for (const row of rows) {
    const cells = row.map((cell, column) => (column === row.length - 1 ? cell : numeric.has(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)));
    io.stdout(cells.join('  ').trimEnd() + '\n');
  }
}

function presetRows() {
  return PRESET_NAMES.map((name) => {
    const { config, description } = PRESETS[name];
    return { name, layers: config.num_hidden_layers, hidden: config.hidden_size, heads: config.num_attention_heads, parameters: countParameters(config), description };
  });
}

async function listDownloaded(io: CliIO, json: boolean): Promise<number> {
  const cacheDir = hubCacheDir();
  const models = (await scanHubCache(cacheDir)).map(cachedModelInfo);
  if (json) {
    for (const model of models) io.stdout(JSON.stringify(model) + '\n');
    return 0;
  }
  io.stdout(`Hugging Face cache: ${cacheDir}\n`);
  if (models.length === 0) {
    io.stdout('No models downloaded yet: `bert-workbench download google/bert_uncased_L-2_H-128_A-2`, or pick one in the app.\n');
    return 0;
  }
  printTable(
    io,
    [
      ['model', 'revision', 'commit', 'layers', 'hidden', 'parameters', 'on disk', 'status'],
      ...models.map((m) => [
        m.hubId,
        m.revision ?? '—',
        m.commit?.slice(0, 10) ?? '—',
        m.layers !== undefined ? String(m.layers) : '—',
        m.hiddenSize !== undefined ? String(m.hiddenSize) : '—',
        m.parameters !== undefined ? formatCount(m.parameters) : '—',
        megabytes(m.sizeBytes),
        m.usable ? (m.incompleteBytes > 0 ? 'ready (a newer download stopped part way)' : 'ready') : (m.problem ?? 'not usable'),
      ]),
    ],
    new Set([3, 4, 5, 6]),
  );
  return 0;
}

export const modelsCommand: CliCommand = {
  name: 'models',
  summary: 'List the pretrained checkpoints to fine-tune and the architecture-only presets; --downloaded: what the Hugging Face cache holds',
  usage: 'bert-workbench models [--downloaded] [--json]',
  async run(args, io) {
    const parsed = parseArgs(args, { json: { value: false }, downloaded: { value: false } });
    if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument "${parsed.positionals[0]}"`);
    const json = flag(parsed, 'json');
    if (flag(parsed, 'downloaded')) return listDownloaded(io, json);
    const catalogue = catalogueInfos();
    const presets = presetRows();
    if (json) {
      for (const entry of catalogue) io.stdout(JSON.stringify({ kind: 'pretrained', ...entry }) + '\n');
      for (const row of presets) io.stdout(JSON.stringify({ kind: 'preset', weights: 'random', ...row }) + '\n');
      return 0;
    }
    io.stdout('Pretrained checkpoints (fine-tune these; "model": {"hub": "ID"} in a run config):\n');
    printTable(
      io,
      [
        ['name', 'hub id', 'layers', 'hidden', 'heads', 'parameters', 'download', 'case', 'licence', 'domain'],
        ...catalogue.map((c) => [c.name, c.hubId, String(c.layers), String(c.hiddenSize), String(c.heads), formatCount(c.parameters), `≈${megabytes(c.downloadBytes)}`, c.cased ? 'cased' : 'uncased', c.licence, c.domain]),
      ],
      new Set([2, 3, 4, 5, 6]),
    );
    io.stdout('\nArchitecture-only presets (random weights, for pre-training from scratch; "model": {"preset": "NAME"}):\n');
    printTable(
      io,
      [['preset', 'layers', 'hidden', 'heads', 'parameters', 'description'], ...presets.map((r) => [r.name, String(r.layers), String(r.hidden), String(r.heads), formatCount(r.parameters), r.description])],
      new Set([1, 2, 3, 4]),
    );
    io.stdout('\nParameters count the encoder with its pooler (Hugging Face BertModel); a task head adds a few thousand. Downloads are estimated as the stored parameters × 4 bytes.\n');
    return 0;
  },
};
