// `bert-workbench fill-mask`: Transformers' fill-mask pipeline on a checkpoint folder with
// the masked-LM head (a pre-training run's model/, a BertForMaskedLM or BertForPreTraining
// folder): the top tokens at each [MASK] with their probabilities.
import { initNodeBackend } from '../../../core/backend/node-backends';
import { headForArchitectures } from '../../../core/model/architectures';
import { DEFAULT_TOP_K } from '../../predict/fill-mask';
import { PredictInputError, TextPredictor } from '../../predict/text-predictor';
import { flag, numberOption, parseArgs, stringOption } from '../args';
import { UsageError, UserError, type CliCommand } from '../command';
import { messageOf } from '../input-files';
import { readFile } from 'node:fs/promises';
import path from 'node:path';

export const fillMaskCommand: CliCommand = {
  name: 'fill-mask',
  summary: 'Fill in [MASK] with the top tokens of a masked-LM checkpoint folder',
  usage: 'bert-workbench fill-mask --model DIR [--top-k N] [--json] "TEXT with [MASK]" ["NEXT SENTENCE"]',
  async run(args, io) {
    const parsed = parseArgs(args, { model: { value: true }, 'top-k': { value: true }, json: { value: false } });
    const modelDir = stringOption(parsed, 'model');
    if (modelDir === undefined) throw new UsageError('--model DIR is required');
    const [text, pair, extra] = parsed.positionals;
    if (text === undefined) throw new UsageError('give the text, with [MASK] where a word should be filled in');
    if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
    const topK = numberOption(parsed, 'top-k') ?? DEFAULT_TOP_K;
    if (!Number.isInteger(topK) || topK < 1 || topK > 100) throw new UsageError(`--top-k must be a whole number from 1 to 100, got ${topK}`);
    await requireMaskedLm(modelDir);
    await initNodeBackend();
    const predictor = await TextPredictor.load(modelDir).catch((error: unknown) => {
      throw new UserError(`cannot load ${modelDir}: ${messageOf(error)}`);
    });
    try {
      const [prediction] = await predictor.predict([{ text, ...(pair !== undefined ? { text_pair: pair } : {}), top_k: topK }]).catch((error: unknown) => {
        throw error instanceof PredictInputError ? new UserError(error.message) : error;
      });
      if (prediction?.task !== 'fill-mask') throw new UserError('the model gave no fill-mask prediction');
      if (flag(parsed, 'json')) {
        io.stdout(JSON.stringify(prediction) + '\n');
        return 0;
      }
      prediction.masks.forEach((mask, m) => {
        if (prediction.masks.length > 1) io.stdout(`[MASK] ${m + 1}:\n`);
        for (const c of mask.candidates) io.stdout(`${c.probability.toFixed(4)}  ${c.token.padEnd(16)}  ${c.sequence}\n`);
      });
      if (prediction.is_next) io.stdout(`next sentence follows: ${prediction.is_next.probability.toFixed(4)}\n`);
      return 0;
    } finally {
      predictor.dispose();
    }
  },
};

/** A clear refusal for a folder whose head is not the masked-LM one (a classifier, say). */
async function requireMaskedLm(dir: string): Promise<void> {
  let architectures: string[] | undefined;
  try {
    architectures = (JSON.parse(await readFile(path.join(dir, 'config.json'), 'utf8')) as { architectures?: string[] }).architectures;
  } catch (error) {
    throw new UserError(`cannot read ${path.join(dir, 'config.json')}: ${messageOf(error)}`);
  }
  if (headForArchitectures(architectures) !== 'pretraining') {
    throw new UserError(`${dir} is a ${architectures?.join(', ') || 'model without architectures'}, not a masked-LM checkpoint (BertForMaskedLM or BertForPreTraining)`);
  }
}
