// `bert-workbench import-run`: a Transformers Trainer output_dir as a run of the app, so its
// curves can be compared with the app's runs.
import path from 'node:path';
import { paths } from '../../paths';
import { preparePrivateHome } from '../../private-home';
import { RunStore } from '../../runs/run-store';
import { importTrainerRun, TrainerImportError } from '../../runs/trainer-import';
import { flag, parseArgs, stringOption } from '../args';
import { UsageError, UserError, type CliCommand } from '../command';

export const importRunCommand: CliCommand = {
  name: 'import-run',
  summary: 'Import a Transformers Trainer output folder (trainer_state.json) as a run',
  usage: 'bert-workbench import-run TRAINER_DIR [--name NAME] [--no-model]',
  async run(args, io) {
    const parsed = parseArgs(args, { name: { value: true }, 'no-model': { value: false } });
    const [dir, ...extra] = parsed.positionals;
    if (dir === undefined) throw new UsageError('TRAINER_DIR is required (a Trainer output_dir with trainer_state.json)');
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
    const name = stringOption(parsed, 'name');
    await preparePrivateHome(paths.home);
    const store = new RunStore(path.join(paths.home, 'runs'));
    const imported = await importTrainerRun(store, dir, { ...(name !== undefined ? { name } : {}), copyModel: !flag(parsed, 'no-model') }).catch((error: unknown) => {
      if (error instanceof TrainerImportError) throw new UserError(error.message);
      throw error;
    });
    for (const warning of imported.warnings) io.stderr(`warning: ${warning}\n`);
    const { run } = imported;
    io.stdout(`imported ${dir} as run ${run.id}\n`);
    io.stdout(`  folder: ${store.dir(run.id)}\n`);
    io.stdout(`  metrics: ${imported.metricsRows} log_history rows\n`);
    if (run.best_metric) io.stdout(`  best: ${run.best_metric.name} = ${run.best_metric.value} at step ${run.best_metric.step}\n`);
    io.stdout(`  model: ${imported.modelFiles.length > 0 ? 'copied into model/' : 'none (the folder has no final model)'}\n`);
    return 0;
  },
};
