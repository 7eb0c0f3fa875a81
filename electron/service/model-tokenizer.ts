// The tokenizer that data statistics count with: the chosen model's own (its vocab.txt or
// tokenizer.json, with its casing), so that "tokens per example" and "truncated at
// max_seq_length" are what training will see; the presets' bert-base-uncased vocabulary
// when no model is given, or when a Hub model is not downloaded yet (said in the report).
import type { Env } from '../../core/hub/cache-node';
import type { BertTokenizer } from '../../core/tokenizer';
import { loadDefaultTokenizer, tokenizerFromFiles } from '../../core/tokenizer/load-node';
import { modelSourceName, parseModelSource, RunConfigError } from '../../core/train/run-config';
import { modelTokenizerFiles, resolveModelSource } from '../runs/model-source';
import { ServiceError } from './host';

export interface StatsTokenizer {
  tokenizer: BertTokenizer;
  /** Whose tokenizer counted, for the report: "google/bert_uncased_L-2_H-128_A-2’s tokenizer", or why the default did. */
  name: string;
  fromModel: boolean;
}

const PRESET_VOCABULARY = 'the presets’ bert-base-uncased vocabulary';
/** Loaded tokenizers by folder: a vocabulary is read once per service. */
const loaded = new Map<string, Promise<BertTokenizer>>();

function cachedLoad(key: string, load: () => Promise<BertTokenizer>): Promise<BertTokenizer> {
  let tokenizer = loaded.get(key);
  if (!tokenizer) {
    tokenizer = load();
    tokenizer.catch(() => loaded.delete(key));
    loaded.set(key, tokenizer);
  }
  return tokenizer;
}

const defaultTokenizer = () => cachedLoad('', loadDefaultTokenizer);

export async function statsTokenizerFor(model: Record<string, unknown> | undefined, env?: Env): Promise<StatsTokenizer> {
  if (!model) return { tokenizer: await defaultTokenizer(), name: PRESET_VOCABULARY, fromModel: false };
  let source;
  try {
    source = parseModelSource(model);
  } catch (error) {
    if (error instanceof RunConfigError) throw new ServiceError(error.message);
    throw error;
  }
  if ('preset' in source) return { tokenizer: await defaultTokenizer(), name: PRESET_VOCABULARY, fromModel: true };
  const resolved = await resolveModelSource(source, { download: false, digest: false, ...(env ? { env } : {}) }).catch(() => undefined);
  if (!resolved?.dir) return { tokenizer: await defaultTokenizer(), name: `${PRESET_VOCABULARY} (${modelSourceName(source)} is not downloaded yet)`, fromModel: false };
  const dir = resolved.dir;
  const tokenizer = await cachedLoad(dir, async () => {
    const { files } = await modelTokenizerFiles(resolved);
    if (!files) throw new ServiceError(`${dir} has no tokenizer (vocab.txt or tokenizer.json)`);
    return tokenizerFromFiles(files, dir);
  });
  return { tokenizer, name: `${'hub' in source ? source.hub : modelSourceName(source)}’s tokenizer`, fromModel: true };
}
