// What the Model step shows about the chosen model before a run starts: its shape and
// size, whether its weights are on this machine, the tokenizer it brings, and which
// weights the task's head needs that the checkpoint lacks ("classifier.*"), which training
// initialises as Transformers does. Reads only config.json, the tokenizer files and the
// safetensors header (never the weights), and never downloads.
import { open, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { configFromJson } from '../../core/checkpoint/config-json';
import { weightGroups } from '../../core/checkpoint/new-weights';
import { catalogueConfig, catalogueEntry } from '../../core/hub/catalogue';
import type { Env } from '../../core/hub/cache-node';
import { findCachedModel } from '../../core/hub/download-node';
import { countParameters, presetConfig, type BertConfig } from '../../core/model/config';
import { headForArchitectures } from '../../core/model/architectures';
import { headShapes, headUsesPooler, type HeadName } from '../../core/model/layout';
import { configFromTokenizerJson } from '../../core/tokenizer/config';
import { readTokenizerFiles } from '../../core/tokenizer/load-node';
import { parseModelSource, RunConfigError, TASK_HEADS, type ModelSource, type RunTask } from '../../core/train/run-config';
import type { ModelDescription } from '../contract';
import { withCatalogueCasing } from '../runs/model-source';
import { ServiceError } from './host';

const SAFETENSORS_HEADER_LIMIT = 100 * 1024 * 1024;

/** The tensor names of a safetensors file, from its header alone. */
async function safetensorsNames(file: string): Promise<Set<string>> {
  const handle = await open(file, 'r');
  try {
    const length = Buffer.alloc(8);
    await handle.read(length, 0, 8, 0);
    const headerLength = Number(length.readBigUInt64LE(0));
    if (headerLength > SAFETENSORS_HEADER_LIMIT) throw new ServiceError(`${file}: a safetensors header of ${headerLength} bytes is not plausible`);
    const header = Buffer.alloc(headerLength);
    await handle.read(header, 0, headerLength, 8);
    return new Set(Object.keys(JSON.parse(header.toString('utf8')) as Record<string, unknown>).filter((k) => k !== '__metadata__'));
  } finally {
    await handle.close();
  }
}

/** The names the task's head (and its pooler) needs. */
function neededHeadNames(config: BertConfig, head: HeadName): string[] {
  const names = [...headShapes(config, head).keys()];
  return headUsesPooler(head) ? ['bert.pooler.dense.weight', 'bert.pooler.dense.bias', ...names] : names;
}

/** Which of them the checkpoint lacks: from the safetensors header, else from config.json's architectures. */
async function newWeights(dir: string, config: BertConfig, head: HeadName): Promise<string[]> {
  const needed = neededHeadNames(config, head);
  const weights = path.join(dir, 'model.safetensors');
  if (existsSync(weights)) {
    const stored = await safetensorsNames(weights);
    // Bare BertModel files name the encoder without the `bert.` prefix.
    return weightGroups(needed.filter((name) => !stored.has(name) && !stored.has(name.replace(/^bert\./, ''))));
  }
  // No architectures in config.json: the original Google conversions, BertForPreTraining.
  const storedHead = headForArchitectures(config.architectures) ?? 'pretraining';
  if (storedHead === head) return [];
  return weightGroups(needed.filter((name) => !name.startsWith('bert.pooler.') || !headUsesPooler(storedHead)));
}

function shapeOf(config: BertConfig): NonNullable<ModelDescription['shape']> {
  return { layers: config.num_hidden_layers, hiddenSize: config.hidden_size, heads: config.num_attention_heads, parameters: countParameters(config) };
}

async function describeFolder(dir: string, task: RunTask | undefined, base: Pick<ModelDescription, 'kind' | 'name' | 'commit' | 'notes'>, catalogue: ReturnType<typeof catalogueEntry>): Promise<ModelDescription> {
  const file = path.join(dir, 'config.json');
  let config: BertConfig;
  try {
    config = configFromJson(JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>);
  } catch (error) {
    throw new ServiceError(`${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const notes = [...base.notes];
  const files = await readTokenizerFiles(dir).catch((error: unknown) => {
    notes.push(error instanceof Error ? error.message : String(error));
    return undefined;
  });
  let tokenizer: ModelDescription['tokenizer'] = { source: 'none' };
  if (files) {
    const cased = withCatalogueCasing(files, catalogue);
    notes.push(...cased.notes);
    const settings = cased.files.tokenizerConfig ? configFromTokenizerJson(cased.files.tokenizerConfig) : {};
    tokenizer = { source: existsSync(path.join(dir, 'vocab.txt')) ? 'vocab.txt' : 'tokenizer.json', lowercase: settings.doLowerCase ?? true };
  } else {
    notes.push('the checkpoint has no tokenizer (vocab.txt or tokenizer.json): only pre-tokenized data (features) can train on it');
  }
  return { ...base, pretrained: true, available: true, dir, shape: shapeOf(config), tokenizer, newWeights: task ? await newWeights(dir, config, TASK_HEADS[task]) : [], notes };
}

export async function describeModel(input: Record<string, unknown>, task: RunTask | undefined, env?: Env): Promise<ModelDescription> {
  let source: ModelSource;
  try {
    source = parseModelSource(input);
  } catch (error) {
    if (error instanceof RunConfigError) throw new ServiceError(error.message);
    throw error;
  }
  if ('preset' in source) {
    return {
      kind: 'preset',
      name: source.preset,
      pretrained: false,
      available: true,
      shape: shapeOf(presetConfig(source.preset)),
      tokenizer: { source: 'preset', lowercase: true },
      newWeights: [],
      notes: ['architecture only — random weights, for pre-training from scratch'],
    };
  }
  if ('checkpoint' in source) {
    if (!existsSync(path.join(source.checkpoint, 'config.json'))) throw new ServiceError(`${source.checkpoint} is not a Hugging Face checkpoint folder: it has no config.json`);
    return describeFolder(source.checkpoint, task, { kind: 'checkpoint', name: path.basename(source.checkpoint), notes: [] }, undefined);
  }
  const catalogue = catalogueEntry(source.hub);
  const cached = await findCachedModel(source.hub, { revision: source.revision, ...(env ? { env } : {}) });
  if (cached) return describeFolder(cached.dir, task, { kind: 'hub', name: catalogue?.name ?? source.hub, commit: cached.commit, notes: [] }, catalogue);
  const description: ModelDescription = { kind: 'hub', name: catalogue?.name ?? source.hub, pretrained: true, available: false, newWeights: [], notes: [] };
  if (catalogue) {
    description.shape = shapeOf(catalogueConfig(catalogue));
    description.tokenizer = { source: 'vocab.txt', lowercase: !catalogue.cased };
    if (task && catalogue.storedHead.head !== TASK_HEADS[task]) description.newWeights = weightGroups([...headShapes(catalogueConfig(catalogue), TASK_HEADS[task]).keys()]);
  }
  return description;
}
