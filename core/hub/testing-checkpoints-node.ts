// Checkpoints for the Hub stand-in (testing-node.ts), made by the core's own random
// initialisation and saving: real weights cannot be had offline, but the files have the
// exact layout, names and config of the catalogue entry they stand in for, so the real
// download, cache, tokenizer and loading code runs on them unchanged. Test use only.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { checkpointFiles } from '../checkpoint/hf-folder';
import { withLabels } from '../model/config';
import { BertModel } from '../model/model';
import { catalogueConfig, type CatalogueEntry, type CatalogueShape } from './catalogue';
import type { FakeRepo } from './testing-node';

const asset = (relative: string) => fileURLToPath(new URL(relative, import.meta.url));
/** The real bert-base-uncased and bert-base-cased vocabularies (the compact BERTs share the uncased one). */
const VOCABS: Record<number, string> = {
  30522: asset('../assets/vocab/bert-base-uncased-vocab.txt'),
  28996: asset('../tokenizer/testdata/bert-base-cased-vocab.txt'),
};

/** A vocabulary of `size` tokens: the real one of that size, else bert-base-uncased's cut or padded with [unusedN]. */
export function vocabOfSize(size: number): string {
  const known = VOCABS[size];
  if (known) return readFileSync(known, 'utf8');
  const tokens = readFileSync(VOCABS[30522]!, 'utf8').split('\n').filter(Boolean).slice(0, size);
  for (let i = tokens.length; i < size; i++) tokens.push(`[unused${i}]`);
  return tokens.join('\n') + '\n';
}

export interface GeneratedCheckpointOptions {
  seed?: number;
  /** A smaller stand-in for a large entry (e.g. bert-base with 1 layer, 32 wide); the vocabulary stays. */
  shrink?: Partial<CatalogueShape>;
  /** Write tokenizer_config.json (do_lower_case from the entry); default true. Real BioBERT has none. */
  tokenizerConfig?: boolean;
}

/** config.json, model.safetensors, vocab.txt (and tokenizer_config.json) of a BertForPreTraining-shaped checkpoint for `entry`. */
export async function generatedCheckpoint(entry: CatalogueEntry, options: GeneratedCheckpointOptions = {}): Promise<Record<string, Uint8Array>> {
  const shape = { ...entry.shape, ...options.shrink };
  if (options.shrink?.hidden !== undefined && options.shrink.intermediate === undefined) shape.intermediate = 4 * shape.hidden;
  let config = { ...catalogueConfig({ ...entry, shape }) };
  if (entry.storedHead.labels) config = withLabels(config, entry.storedHead.labels);
  const model = BertModel.create(config, entry.storedHead.head, { seed: options.seed ?? 0 });
  try {
    const withTokenizerConfig = options.tokenizerConfig ?? true;
    const files = await checkpointFiles(model, {
      vocab: vocabOfSize(shape.vocabSize),
      ...(withTokenizerConfig ? { tokenizerConfig: { do_lower_case: !entry.cased, model_max_length: 512 } } : {}),
    });
    return Object.fromEntries(files);
  } finally {
    model.dispose();
  }
}

/** A stable fake commit per repository id: 40 hex digits, as the Hub's. */
export function fakeCommit(id: string, salt = ''): string {
  return createHash('sha1').update(`${id}${salt}`).digest('hex');
}

/** A stand-in repository for `entry`, under its real Hub id. */
export async function catalogueRepo(entry: CatalogueEntry, options: GeneratedCheckpointOptions & Partial<Pick<FakeRepo, 'gatedToken' | 'revisions'>> = {}): Promise<FakeRepo> {
  const { gatedToken, revisions, ...generation } = options;
  return {
    id: entry.hubId,
    commit: fakeCommit(entry.hubId),
    files: await generatedCheckpoint(entry, generation),
    ...(gatedToken ? { gatedToken } : {}),
    ...(revisions ? { revisions } : {}),
  };
}

/** A DistilBERT repository (config.json says so): the app must refuse it before fetching its weights. */
export function distilbertRepo(id = 'distilbert/distilbert-base-uncased'): FakeRepo {
  const config = { model_type: 'distilbert', architectures: ['DistilBertForMaskedLM'], dim: 32, n_layers: 1, n_heads: 2, vocab_size: 30522 };
  return {
    id,
    commit: fakeCommit(id),
    files: {
      'config.json': new TextEncoder().encode(JSON.stringify(config)),
      // Never fetched: the test checks that no request asks for it.
      'model.safetensors': new Uint8Array(4096),
      'vocab.txt': new TextEncoder().encode('[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\n'),
    },
  };
}
