// The Hugging Face Hub as its clients see it: repository ids, the URLs of the revision API
// and of file downloads, the cache layout huggingface_hub shares between tools
// (models--org--name/{blobs,snapshots,refs}), and which files make a BERT checkpoint.
// Platform-neutral; HTTP and the file system are in *-node.ts.

export const DEFAULT_ENDPOINT = 'https://huggingface.co';
export const DEFAULT_REVISION = 'main';

export type HubErrorKind =
  | 'invalid-id'
  | 'invalid-revision'
  /** The server answered something that must not become a file name (a commit or ETag that is not a hex digest). */
  | 'unsafe-answer'
  /** config.json describes another architecture (DistilBERT, RoBERTa, …): refused before the weights are fetched. */
  | 'not-bert'
  | 'gated'
  | 'not-found'
  | 'not-cached'
  | 'network'
  | 'http'
  | 'no-weights'
  | 'cancelled';

export class HubError extends Error {
  override name = 'HubError';
  constructor(
    readonly kind: HubErrorKind,
    message: string,
  ) {
    super(message);
  }
}

/** `bert-base-uncased` or `google/bert_uncased_L-4_H-256_A-4`, as the Hub validates them. */
export function validateRepoId(id: string): string {
  const ok = /^(?:[\w.-]+\/)?[\w.-]+$/.test(id) && !id.includes('--') && !id.includes('..') && !/^[.-]|[.-]$/.test(id) && id.length <= 96;
  if (!ok) throw new HubError('invalid-id', `"${id}" is not a Hugging Face model id (like bert-base-uncased or google/bert_uncased_L-4_H-256_A-4)`);
  return id;
}

/** The cache folder of a model repository: models--google--bert_uncased_L-4_H-256_A-4. */
export function repoFolderName(id: string): string {
  return `models--${id.split('/').join('--')}`;
}

/** The Hub id of a folder inside the cache (…/models--org--name/snapshots/<commit>), if it is one. */
export function repoIdFromCachePath(path: string): string | undefined {
  const match = /(?:^|[\\/])models--([^\\/]+)[\\/]snapshots[\\/]/.exec(path);
  return match ? match[1]!.split('--').join('/') : undefined;
}

/** A 40-hex-digit commit id (a revision that needs no ref lookup). */
export function isCommitHash(revision: string): boolean {
  return /^[0-9a-f]{40}$/.test(revision);
}

// Every part of a cache path that a server or a person supplies is checked here before it
// is joined into a path: the commit names snapshots/<commit>, the ETag names blobs/<etag>,
// the revision names refs/<revision>. A value that fails is refused, never cleaned up.

/** A branch, tag or commit as git allows ref names, restricted to characters that are safe in file names: `main`, `v1.0`, `refs/pr/3`. */
export function isRevisionName(revision: string): boolean {
  if (revision.length === 0 || revision.length > 255) return false;
  return revision.split('/').every((part) => /^[A-Za-z0-9_][A-Za-z0-9._+-]*$/.test(part) && !part.includes('..') && !part.endsWith('.lock') && !part.endsWith('.'));
}

export function validateRevision(revision: string): string {
  if (!isRevisionName(revision)) {
    throw new HubError('invalid-revision', `"${revision}" is not a revision (a branch, tag or 40-hex commit such as main, v1.0 or refs/pr/3)`);
  }
  return revision;
}

/** The commit a server reported; it becomes snapshots/<commit>, so nothing but 40 hex digits passes. */
export function validateCommit(commit: unknown, where: string): string {
  if (typeof commit === 'string' && isCommitHash(commit)) return commit;
  throw new HubError('unsafe-answer', `${where} gave the commit ${JSON.stringify(commit)}, which is not a 40-hex-digit commit id; nothing was written`);
}

/** A content digest as the Hub's ETags are: git's SHA-1 (40 hex) for plain files, SHA-256 (64 hex) for LFS files. */
export function isEtagDigest(etag: string): boolean {
  return /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/.test(etag);
}

/** An ETag header without weak marker and quotes: the blob's name in the cache. */
export function normalizeEtag(etag: string | null | undefined): string | undefined {
  if (!etag) return undefined;
  return etag.replace(/^W\//, '').replace(/^"|"$/g, '');
}

/** The ETag a server gave for `file`, checked to be a digest (it becomes blobs/<etag>). */
export function validateEtag(etag: string, file: string): string {
  if (isEtagDigest(etag)) return etag;
  throw new HubError('unsafe-answer', `the Hub gave the ETag ${JSON.stringify(etag)} for ${file}, which is not a hex digest; refusing to use it as a file name`);
}

function trimEndpoint(endpoint: string): string {
  return endpoint.replace(/\/+$/, '');
}

/** GET → {sha, siblings: [{rfilename}]}. */
export function revisionApiUrl(endpoint: string, id: string, revision: string): string {
  return `${trimEndpoint(endpoint)}/api/models/${id}/revision/${encodeURIComponent(revision)}`;
}

/** The file at a revision; the Hub answers with its ETag and commit, and redirects large files to its CDN. */
export function resolveUrl(endpoint: string, id: string, revision: string, file: string): string {
  return `${trimEndpoint(endpoint)}/${id}/resolve/${encodeURIComponent(revision)}/${file.split('/').map(encodeURIComponent).join('/')}`;
}

export const CONFIG_FILE = 'config.json';
export const SAFETENSORS_FILE = 'model.safetensors';
export const PYTORCH_BIN_FILE = 'pytorch_model.bin';
export const VOCAB_FILE = 'vocab.txt';
/** The fast tokenizer's single file; fetched only when a repository has no vocab.txt. */
export const TOKENIZER_JSON_FILE = 'tokenizer.json';
/** Tokenizer files: a checkpoint without them can still be loaded (with another tokenizer). */
export const OPTIONAL_FILES = [VOCAB_FILE, 'tokenizer_config.json', 'special_tokens_map.json'] as const;

export interface CheckpointFileChoice {
  required: string[];
  optional: string[];
}

/**
 * The files to fetch, given the repository's file list (the API's `siblings`):
 * config.json, model.safetensors or else pytorch_model.bin, and the tokenizer files it has.
 * Without a list (the API did not say), ask for all and let 404s decide.
 */
export function checkpointFiles(id: string, siblings: readonly string[] | undefined): CheckpointFileChoice {
  if (!siblings) return { required: [CONFIG_FILE], optional: [SAFETENSORS_FILE, PYTORCH_BIN_FILE, ...OPTIONAL_FILES, TOKENIZER_JSON_FILE] };
  const has = new Set(siblings);
  if (!has.has(CONFIG_FILE)) throw new HubError('no-weights', `${id} has no config.json: it is not a Transformers model repository`);
  const weights = has.has(SAFETENSORS_FILE) ? SAFETENSORS_FILE : has.has(PYTORCH_BIN_FILE) ? PYTORCH_BIN_FILE : undefined;
  if (!weights) {
    const sharded = siblings.some((f) => f.endsWith('.index.json'));
    throw new HubError('no-weights', sharded ? `${id} stores its weights in shards (*.index.json), which are not supported yet` : `${id} has neither ${SAFETENSORS_FILE} nor ${PYTORCH_BIN_FILE}`);
  }
  const tokenizerJson = !has.has(VOCAB_FILE) && has.has(TOKENIZER_JSON_FILE) ? [TOKENIZER_JSON_FILE] : [];
  return { required: [CONFIG_FILE, weights], optional: [...OPTIONAL_FILES.filter((f) => has.has(f)), ...tokenizerJson] };
}
