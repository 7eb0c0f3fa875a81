// Everything a run trains with, from its config: the weights (resolved by model-source.ts:
// a Hub model from the cache or downloaded, a folder, or a preset's random init), the
// tokenizer (and the files to save beside every checkpoint), the data, the model with a
// head for the data's labels, the features, and when resuming the checkpoint's optimizer
// and trainer state.
import { readFile } from 'node:fs/promises';
import { readHfFolder } from '../../core/checkpoint/hf-folder-node';
import { modelFromCheckpoint, type HfFolderContents, type TokenizerFiles } from '../../core/checkpoint/hf-folder';
import { presetConfig, withLabels, type BertConfig, type PresetName } from '../../core/model/config';
import { numLabels, type HeadName } from '../../core/model/layout';
import { BertModel } from '../../core/model/model';
import type { BertTokenizer } from '../../core/tokenizer';
import { defaultVocabPath, loadDefaultTokenizer, tokenizerFromFiles } from '../../core/tokenizer/load-node';
import type { DownloadProgress } from '../../core/hub/download-node';
import { readResumePoint } from '../../core/train/checkpoint-node';
import type { EvaluationSet } from '../../core/train/evaluation';
import type { TrainingFeature } from '../../core/train/features';
import type { MaskingOptions } from '../../core/train/mlm';
import { TASK_HEADS, type RunConfig } from '../../core/train/run-config';
import type { ResumePoint } from '../../core/train/checkpoints';
import { maskingOptions } from './pretraining-data';
import { loadTrainingData, type TrainingData } from './training-data';
import { resolveModelSource, withCatalogueCasing, type ResolvedModel, type WeightsProvenance } from './model-source';

export interface RunSetup {
  /** Owned by the caller: dispose it when the run ends. */
  model: BertModel;
  train: TrainingFeature[];
  evaluation?: EvaluationSet;
  /** For masked-LM data masked on the fly. */
  maskTokens?: MaskingOptions;
  /** vocab.txt and tokenizer_config.json, saved with every checkpoint and the final model. */
  tokenizerFiles?: TokenizerFiles;
  /** The tokenizer the data was encoded with (none for pre-tokenized data from a folder without vocab.txt). */
  tokenizer?: BertTokenizer;
  resume?: ResumePoint;
  /** Where the weights came from (not set when resuming: the run's first start recorded it). */
  provenance?: WeightsProvenance;
  /** Sentences for the person: where the weights came from, what loading had to initialise, data warnings. */
  notes: string[];
  /** The head's label names in id order (the model's id2label); absent for heads without labels. */
  labels?: string[];
}

export interface SetUpOptions {
  /** Progress of a Hub model being downloaded because the cache lacks it. */
  onDownloadProgress?: (progress: DownloadProgress) => void;
  signal?: AbortSignal;
}

/** The bert-base-uncased tokenizer that presets use, as tokenizer_config.json describes it. */
const PRESET_TOKENIZER_CONFIG = { do_lower_case: true, model_max_length: 512, tokenizer_class: 'BertTokenizer' };

/** Where the weights come from: a Hugging Face folder (the config's model, or a training checkpoint to resume), or a preset. */
type ModelOrigin = { kind: 'folder'; dir: string; contents: HfFolderContents } | { kind: 'preset'; preset: PresetName };

/**
 * Builds the run's model and data. `resumeFrom`, a training checkpoint's folder, continues
 * a run: its weights, tokenizer, optimizer and trainer state replace the config's model.
 */
export async function setUpRun(config: RunConfig, resumeFrom?: string, options: SetUpOptions = {}): Promise<RunSetup> {
  const head = TASK_HEADS[config.task];
  const resolved: ResolvedModel = resumeFrom
    ? { dir: resumeFrom, notes: [] }
    : await resolveModelSource(config.model, {
        seed: config.training.seed,
        ...(options.onDownloadProgress ? { onProgress: options.onDownloadProgress } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
  const origin = await modelOrigin(resolved);
  const notes = [...resolved.notes];
  const { tokenizer, files } = origin.kind === 'folder' ? folderTokenizer(origin, resolved, notes) : await presetTokenizer();
  const data = await loadTrainingData(config, tokenizer);
  notes.push(...data.notes);
  // A resumed model keeps the labels it was trained with.
  const model = origin.kind === 'folder' ? folderModel(origin.contents, head, resumeFrom ? undefined : data, config.training.seed, notes) : presetModel(origin.preset, head, data, config.training.seed);
  try {
    const maxLength = Math.min(config.training.max_seq_length, model.config.max_position_embeddings);
    if (maxLength < config.training.max_seq_length && config.data.format !== 'features') notes.push(`training.max_seq_length ${config.training.max_seq_length} is more than the model's ${maxLength} positions: examples are cut to ${maxLength} tokens`);
    const features = data.featurize({ labels: labelNames(model.config), maxLength });
    const setup: RunSetup = { model, train: features.train, notes };
    if (headHasLabels(head)) setup.labels = labelNames(model.config);
    if (features.evaluation) setup.evaluation = features.evaluation;
    if (head === 'pretraining' && tokenizer) setup.maskTokens = maskingOptions(tokenizer, config.training);
    if (files) setup.tokenizerFiles = files;
    if (tokenizer) setup.tokenizer = tokenizer;
    if (resumeFrom) setup.resume = await readResumePoint(resumeFrom);
    else if (resolved.provenance) setup.provenance = resolved.provenance;
    return setup;
  } catch (error) {
    model.dispose();
    throw error;
  }
}

async function modelOrigin(resolved: ResolvedModel): Promise<ModelOrigin> {
  if (resolved.dir) return { kind: 'folder', dir: resolved.dir, contents: await readHfFolder(resolved.dir) };
  if (resolved.preset) return { kind: 'preset', preset: resolved.preset };
  throw new Error('the model source resolved to neither a folder nor a preset');
}

/** The folder's tokenizer (vocab.txt or tokenizer.json); none without one (fine for pre-tokenized data). */
function folderTokenizer({ dir, contents }: { dir: string; contents: HfFolderContents }, resolved: ResolvedModel, notes: string[]): { tokenizer?: BertTokenizer; files?: TokenizerFiles } {
  if (contents.vocab === undefined) return {};
  const cased = withCatalogueCasing({ vocab: contents.vocab, ...(contents.tokenizerConfig ? { tokenizerConfig: contents.tokenizerConfig } : {}) }, resolved.catalogue);
  notes.push(...cased.notes);
  return { tokenizer: tokenizerFromFiles(cased.files, dir), files: cased.files };
}

/** The presets' bert-base-uncased tokenizer, with the files to save beside their checkpoints. */
async function presetTokenizer(): Promise<{ tokenizer: BertTokenizer; files: TokenizerFiles }> {
  const vocab = await readFile(defaultVocabPath(), 'utf8');
  return { tokenizer: await loadDefaultTokenizer(), files: { vocab, tokenizerConfig: PRESET_TOKENIZER_CONFIG } };
}

/** A preset from random initialisation (seeded by training.seed), with the data's labels. */
function presetModel(preset: PresetName, head: HeadName, data: TrainingData, seed: number): BertModel {
  const base = presetConfig(preset);
  const labels = headHasLabels(head) ? (data.labels ?? genericLabels(data.maxLabelId)) : undefined;
  return BertModel.create(labels ? withLabels(base, labels) : base, head, { seed });
}

/**
 * A checkpoint's weights with the task's head. The data's labels replace the checkpoint's
 * unless they are the same names (then the checkpoint's ids stand); a classifier of
 * another size starts anew, as Transformers' ignore_mismatched_sizes does.
 */
function folderModel(contents: HfFolderContents, head: HeadName, data: TrainingData | undefined, seed: number, notes: string[]): BertModel {
  const stored = contents.config.id2label as Record<string, string> | undefined;
  const storedNames = stored ? Object.values(stored) : [];
  const wanted = data && headHasLabels(head) ? data.labels : undefined;
  const relabel = wanted !== undefined && !(wanted.length === storedNames.length && wanted.every((label) => storedNames.includes(label)));
  const { model, report } = modelFromCheckpoint(contents, { head, seed, ignoreMismatchedSizes: true, ...(relabel ? { labels: wanted } : {}) });
  notes.push(...report.warnings);
  const maxLabelId = data?.maxLabelId;
  if (headHasLabels(head) && maxLabelId !== undefined && maxLabelId >= numLabels(model.config)) {
    model.dispose();
    throw new Error(`the data has label id ${maxLabelId} but the checkpoint's head has ${numLabels(model.config)} labels; name the labels with data.labels`);
  }
  return model;
}

function headHasLabels(head: HeadName): boolean {
  return head === 'sequence-classification' || head === 'token-classification';
}

/** LABEL_0.. for features data with bare ids (at least two, as Transformers' default). */
function genericLabels(maxLabelId: number | undefined): string[] {
  return Array.from({ length: Math.max(2, (maxLabelId ?? 0) + 1) }, (_, id) => `LABEL_${id}`);
}

function labelNames(config: BertConfig): string[] {
  const id2label = config.id2label ?? {};
  return Array.from({ length: Object.keys(id2label).length }, (_, id) => id2label[String(id)]!);
}
