// `bert-workbench models`: the presets with their shapes and parameter counts.
import { countParameters, formatCount, PRESET_NAMES, PRESETS } from '../../../core/model/config';
import { flag, parseArgs } from '../args';
import { UsageError, type CliCommand } from '../command';

export const modelsCommand: CliCommand = {
  name: 'models',
  summary: 'List the model presets with layers, hidden size, heads and parameter counts',
  usage: 'bert-workbench models [--json]',
  async run(args, io) {
    const parsed = parseArgs(args, { json: { value: false } });
    if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument "${parsed.positionals[0]}"`);
    const rows = PRESET_NAMES.map((name) => {
      const { config, description } = PRESETS[name];
      return {
        name,
        layers: config.num_hidden_layers,
        hidden: config.hidden_size,
        heads: config.num_attention_heads,
        parameters: countParameters(config),
        description,
      };
    });
    if (flag(parsed, 'json')) {
      for (const row of rows) io.stdout(JSON.stringify(row) + '\n');
      return 0;
    }
    const table = [
      ['preset', 'layers', 'hidden', 'heads', 'parameters', 'description'],
      ...rows.map((r) => [r.name, String(r.layers), String(r.hidden), String(r.heads), formatCount(r.parameters), r.description]),
    ];
    const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
    const numeric = new Set([1, 2, 3, 4]);
    for (const row of table) {
      const cells = row.map((cell, column) => (column === row.length - 1 ? cell : numeric.has(column) ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)));
      io.stdout(cells.join('  ') + '\n');
    }
    io.stdout('\nParameters count the encoder with its pooler (Hugging Face BertModel); a task head adds a few thousand.\n');
    return 0;
  },
};
