// The one place a run config's `model` becomes weights on disk, for every caller (training
// and its set-up, distillation's student and teacher, pre-training, data statistics, the
// estimate): a Hub model is taken from Hugging Face's cache at its revision, downloaded
// into it when missing; a folder is used as it is; a preset has no folder (random init).
// It also says, truthfully, where the weights came from (run.json's `weights_from`).
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { configFromJson } from '../../core/checkpoint/config-json';
import { catalogueConfig, catalogueEntry, type CatalogueEntry } from '../../core/hub/catalogue';
import type { Env } from '../../core/hub/cache-node';
import { downloadModel, findCachedModel, type DownloadProgress } from '../../core/hub/download-node';
import { isCommitHash, repoIdFromCachePath } from '../../core/hub/hub';
import { presetConfig, type BertConfig, type PresetName } from '../../core/model/config';
import type { ModelSource, WeightsProvenance } from '../../core/train/run-config';
import { readTokenizerFiles, type TokenizerFileContents } from '../../core/tokenizer/load-node';

export type { WeightsProvenance };

export interface ResolvedModel {
  /** The Hugging Face folder to load; undefined for a preset. */
  dir?: string;
  preset?: PresetName;
  /** The catalogue's entry for a Hub model it lists. */
  catalogue?: CatalogueEntry;
  /** Undefined only for a folder resolved with `digest: false` (hashing a large folder takes seconds). */
  provenance?: WeightsProvenance;
  /** Sentences for the run log: downloaded or taken from the cache, offline fallbacks. */
  notes: string[];
}

export interface ResolveOptions {
  /** Fetch a Hub model the cache lacks (default true); false answers "not downloaded" instead. */
  download?: boolean;
  /** Compute a folder's content digest for its provenance (default true). */
  digest?: boolean;
  /** training.seed: a preset's provenance names it. */
  seed?: number;
  onProgress?: (progress: DownloadProgress) => void;
  signal?: AbortSignal;
  token?: string;
  offline?: boolean;
  env?: Env;
}

export class ModelSourceError extends Error {
  override name = 'ModelSourceError';
}

export async function resolveModelSource(source: ModelSource, options: ResolveOptions = {}): Promise<ResolvedModel> {
  if ('preset' in source) {
    return { preset: source.preset, notes: [], provenance: { source: 'random', preset: source.preset, seed: options.seed ?? 0 } };
  }
  if ('checkpoint' in source) return resolveFolder(source.checkpoint, options);
  const catalogue = catalogueEntry(source.hub);
  const cacheOptions = { revision: source.revision, ...(options.env ? { env: options.env } : {}) };
  // A model the cache holds whole at the revision is used without asking the Hub: the
  // weights a person downloaded (and saw the commit of) are the weights the run trains,
  // offline too. Downloading again in the app checks for a newer commit.
  const cached = await findCachedModel(source.hub, cacheOptions);
  const notes: string[] = [];
  let dir: string;
  let commit: string;
  if (cached) {
    ({ dir, commit } = cached);
    notes.push(`weights: ${source.hub} at commit ${commit.slice(0, 10)} (${source.revision}) from the Hugging Face cache, ${path.dirname(path.dirname(dir))}`);
  } else {
    if (options.download === false) throw new ModelSourceError(`${source.hub} (${source.revision}) is not downloaded yet: download it on the Model step, or run \`bert-workbench download ${source.hub}\``);
    const result = await downloadModel(source.hub, {
      ...cacheOptions,
      ...(options.token ? { token: options.token } : {}),
      ...(options.offline !== undefined ? { offline: options.offline } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    ({ dir, commit } = result);
    notes.push(...result.warnings, `weights: ${source.hub} at commit ${commit.slice(0, 10)} (${source.revision}), ${result.downloaded.length ? `downloaded ${result.downloaded.join(', ')}` : 'from the Hugging Face cache'}`);
  }
  return {
    dir,
    ...(catalogue ? { catalogue } : {}),
    provenance: { source: 'hub', id: source.hub, revision: source.revision, commit },
    notes,
  };
}

async function resolveFolder(dir: string, options: ResolveOptions): Promise<ResolvedModel> {
  if (!existsSync(path.join(dir, 'config.json'))) throw new ModelSourceError(`${dir} is not a Hugging Face checkpoint folder: it has no config.json`);
  // A folder inside the Hugging Face cache is a Hub snapshot: say which model and commit.
  const repoId = repoIdFromCachePath(dir + path.sep);
  const commit = path.basename(path.resolve(dir));
  if (repoId && isCommitHash(commit)) {
    const catalogue = catalogueEntry(repoId);
    return { dir, ...(catalogue ? { catalogue } : {}), notes: [], provenance: { source: 'hub', id: repoId, revision: commit, commit } };
  }
  if (options.digest === false) return { dir, notes: [] };
  return { dir, notes: [], provenance: { source: 'folder', path: path.resolve(dir), sha256: await folderDigest(dir) } };
}

/** The files that make a checkpoint what it is; a digest over them identifies the weights and tokenizer, not the folder's other contents. */
const MODEL_FILES = ['config.json', 'model.safetensors', 'pytorch_model.bin', 'vocab.txt', 'tokenizer.json', 'tokenizer_config.json'];

async function fileDigest(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** sha256 over "name sha256(content)" lines of the model files present, in a fixed order. */
export async function folderDigest(dir: string): Promise<string> {
  const lines: string[] = [];
  for (const file of MODEL_FILES) {
    const full = path.join(dir, file);
    if (existsSync(full)) lines.push(`${file} ${await fileDigest(full)}`);
  }
  return createHash('sha256').update(lines.join('\n')).digest('hex');
}

/**
 * Tokenizer files with the casing the catalogue knows where the checkpoint does not say:
 * BioBERT ships no tokenizer_config.json, and Transformers' default (lowercase) would
 * strip the case it was trained with. The result is what gets saved beside the model.
 */
export function withCatalogueCasing(files: TokenizerFileContents, catalogue: CatalogueEntry | undefined): { files: TokenizerFileContents; notes: string[] } {
  if (typeof files.tokenizerConfig?.do_lower_case === 'boolean' || !catalogue) return { files, notes: [] };
  const lower = !catalogue.cased;
  return {
    files: { ...files, tokenizerConfig: { ...files.tokenizerConfig, do_lower_case: lower } },
    notes: [`the checkpoint's tokenizer does not say whether it lowercases; ${catalogue.name} is ${lower ? 'uncased' : 'cased'}, so do_lower_case is ${lower}`],
  };
}

/** The resolved model's own tokenizer files (undefined for a preset, or a folder without any). */
export async function modelTokenizerFiles(resolved: ResolvedModel): Promise<{ files?: TokenizerFileContents; notes: string[] }> {
  const files = resolved.dir ? await readTokenizerFiles(resolved.dir) : undefined;
  return files ? withCatalogueCasing(files, resolved.catalogue) : { notes: [] };
}

/**
 * The model's config without downloading anything, for estimates and previews: a preset's,
 * a folder's or cached snapshot's config.json, else what the catalogue states.
 */
export async function modelConfigFor(source: ModelSource, env?: Env): Promise<BertConfig> {
  if ('preset' in source) return presetConfig(source.preset);
  const dir = 'checkpoint' in source ? source.checkpoint : (await findCachedModel(source.hub, { revision: source.revision, ...(env ? { env } : {}) }))?.dir;
  if (dir === undefined) {
    const entry = 'hub' in source ? catalogueEntry(source.hub) : undefined;
    if (entry) return catalogueConfig(entry);
    throw new ModelSourceError(`${'hub' in source ? source.hub : ''} is not downloaded yet: download it to see its size`);
  }
  const file = path.join(dir, 'config.json');
  try {
    return configFromJson(JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>);
  } catch (error) {
    throw new ModelSourceError(`cannot read the checkpoint's config (${file}): ${error instanceof Error ? error.message : String(error)}`);
  }
}
