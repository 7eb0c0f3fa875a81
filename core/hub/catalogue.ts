// The pretrained BERT checkpoints the app offers, defined once: the New run form's model
// step, the CLI's `models`, the presets' "pretrained equivalent" and the tests all read
// this list. Each entry states what its config.json on the Hub says (shape, vocabulary),
// what its tokenizer does (cased or not), what it was pre-trained on and under which
// licence; parameter counts and download sizes are computed from the shape, never typed.
//
// Pure data and arithmetic (no TensorFlow.js, no file system): the UI may import it.
import { countParameters, PRESETS, presetConfig, withLabels, type BertConfig, type PresetName } from '../model/config';
import type { HeadName } from '../model/layout';

export interface CatalogueShape {
  layers: number;
  hidden: number;
  heads: number;
  intermediate: number;
  vocabSize: number;
}

export interface CatalogueEntry {
  hubId: string;
  /** How people call it: "BERT-Tiny", "BioBERT". */
  name: string;
  shape: CatalogueShape;
  /** False: the tokenizer lowercases (and strips accents). */
  cased: boolean;
  language: string;
  /** What it was pre-trained on. */
  domain: string;
  /** The model card's licence, as the Hub shows it ("not stated" where the card has none). */
  licence: string;
  /**
   * The weights its file stores besides the encoder, which decide the download size:
   * the pre-training heads for most; a fine-tuned classifier for FinBERT.
   */
  storedHead: { head: HeadName; labels?: readonly string[] };
  description: string;
  /** Where to read about it. */
  paper?: string;
}

const GENERAL = 'general English (BookCorpus + English Wikipedia)';
const APACHE = 'apache-2.0';
const NOT_STATED = 'not stated on the model card';
const PRETRAINING = { head: 'pretraining' } as const;
const UNCASED_VOCAB = 30522;
const CASED_VOCAB = 28996;

function shape(layers: number, hidden: number, heads: number, vocabSize = UNCASED_VOCAB): CatalogueShape {
  return { layers, hidden, heads, intermediate: 4 * hidden, vocabSize };
}

function compact(layers: number, hidden: number, heads: number, name: string, use: string): CatalogueEntry {
  return {
    hubId: `google/bert_uncased_L-${layers}_H-${hidden}_A-${heads}`,
    name,
    shape: shape(layers, hidden, heads),
    cased: false,
    language: 'English',
    domain: GENERAL,
    licence: APACHE,
    storedHead: PRETRAINING,
    description: `Google's compact BERT (Turc et al. 2019), pre-trained from scratch and distilled: ${use}`,
    paper: 'https://arxiv.org/abs/1908.08962',
  };
}

export const CATALOGUE: readonly CatalogueEntry[] = [
  compact(2, 128, 2, 'BERT-Tiny', 'seconds per step on a CPU; for trying things out.'),
  compact(4, 256, 4, 'BERT-Mini', 'practical fine-tuning on a CPU.'),
  compact(4, 512, 8, 'BERT-Small', 'better accuracy, still fine on a CPU.'),
  compact(8, 512, 8, 'BERT-Medium', 'the largest comfortable on a CPU.'),
  {
    hubId: 'google-bert/bert-base-uncased',
    name: 'BERT-Base uncased',
    shape: shape(12, 768, 12),
    cased: false,
    language: 'English',
    domain: GENERAL,
    licence: APACHE,
    storedHead: PRETRAINING,
    description: 'The original BERT-Base (Devlin et al. 2018): the standard starting point; wants a GPU.',
    paper: 'https://arxiv.org/abs/1810.04805',
  },
  {
    hubId: 'google-bert/bert-base-cased',
    name: 'BERT-Base cased',
    shape: shape(12, 768, 12, CASED_VOCAB),
    cased: true,
    language: 'English',
    domain: GENERAL,
    licence: APACHE,
    storedHead: PRETRAINING,
    description: 'BERT-Base keeping case: better where capitals carry meaning (named entities).',
    paper: 'https://arxiv.org/abs/1810.04805',
  },
  {
    hubId: 'google-bert/bert-large-uncased',
    name: 'BERT-Large uncased',
    shape: shape(24, 1024, 16),
    cased: false,
    language: 'English',
    domain: GENERAL,
    licence: APACHE,
    storedHead: PRETRAINING,
    description: "BERT-Large: the paper's best results; needs a large GPU.",
    paper: 'https://arxiv.org/abs/1810.04805',
  },
  {
    hubId: 'google-bert/bert-large-cased',
    name: 'BERT-Large cased',
    shape: shape(24, 1024, 16, CASED_VOCAB),
    cased: true,
    language: 'English',
    domain: GENERAL,
    licence: APACHE,
    storedHead: PRETRAINING,
    description: 'BERT-Large keeping case.',
    paper: 'https://arxiv.org/abs/1810.04805',
  },
  {
    hubId: 'google-bert/bert-base-multilingual-cased',
    name: 'Multilingual BERT',
    shape: shape(12, 768, 12, 119547),
    cased: true,
    language: '104 languages',
    domain: 'Wikipedia in the 104 largest languages',
    licence: APACHE,
    storedHead: PRETRAINING,
    description: 'BERT-Base for text in any of 104 languages, one shared vocabulary.',
    paper: 'https://github.com/google-research/bert/blob/master/multilingual.md',
  },
  {
    hubId: 'dmis-lab/biobert-base-cased-v1.2',
    name: 'BioBERT',
    shape: shape(12, 768, 12, CASED_VOCAB),
    cased: true,
    language: 'English',
    domain: 'biomedical (PubMed abstracts, after BERT-Base cased)',
    licence: NOT_STATED,
    storedHead: PRETRAINING,
    description: 'BERT-Base cased further pre-trained on PubMed: biomedical NER, relations and QA.',
    paper: 'https://arxiv.org/abs/1901.08746',
  },
  {
    hubId: 'allenai/scibert_scivocab_uncased',
    name: 'SciBERT',
    shape: shape(12, 768, 12, 31090),
    cased: false,
    language: 'English',
    domain: 'scientific papers (1.14M from Semantic Scholar, biomedical and computer science), with its own vocabulary',
    licence: NOT_STATED,
    storedHead: PRETRAINING,
    description: 'BERT-Base trained from scratch on scientific text with a scientific vocabulary.',
    paper: 'https://arxiv.org/abs/1903.10676',
  },
  {
    hubId: 'ProsusAI/finbert',
    name: 'FinBERT',
    shape: shape(12, 768, 12),
    cased: false,
    language: 'English',
    domain: 'financial news (Reuters TRC2), then fine-tuned for sentiment on the Financial PhraseBank',
    licence: NOT_STATED,
    storedHead: { head: 'sequence-classification', labels: ['positive', 'negative', 'neutral'] },
    description: 'BERT-Base adapted to finance; ships a positive/negative/neutral classifier.',
    paper: 'https://arxiv.org/abs/1908.10063',
  },
  {
    hubId: 'nlpaueb/legal-bert-base-uncased',
    name: 'Legal-BERT',
    shape: shape(12, 768, 12),
    cased: false,
    language: 'English',
    domain: 'legal text (EU, UK and US legislation, court cases, contracts)',
    licence: 'cc-by-sa-4.0',
    storedHead: PRETRAINING,
    description: 'BERT-Base pre-trained from scratch on 12 GB of English legal text.',
    paper: 'https://arxiv.org/abs/2010.02559',
  },
  {
    hubId: 'emilyalsentzer/Bio_ClinicalBERT',
    name: 'Clinical BERT',
    shape: shape(12, 768, 12, CASED_VOCAB),
    cased: true,
    language: 'English',
    domain: 'clinical notes (MIMIC-III), after BioBERT',
    licence: 'mit',
    storedHead: PRETRAINING,
    description: 'BioBERT further pre-trained on hospital notes: clinical NER and classification.',
    paper: 'https://arxiv.org/abs/1904.03323',
  },
];

/** What the New run form starts with: small enough to download and fine-tune on any laptop. */
export const DEFAULT_CATALOGUE_ID = 'google/bert_uncased_L-2_H-128_A-2';

export function catalogueEntry(hubId: string): CatalogueEntry | undefined {
  // The Hub redirects the old unprefixed names (bert-base-uncased) to google-bert/…; so do we.
  return CATALOGUE.find((entry) => entry.hubId === hubId || entry.hubId === `google-bert/${hubId}`);
}

/** The BertConfig the entry's config.json states (Transformers' defaults for what it leaves out). */
export function catalogueConfig(entry: CatalogueEntry): BertConfig {
  return {
    ...presetConfig('bert-base'),
    vocab_size: entry.shape.vocabSize,
    hidden_size: entry.shape.hidden,
    num_hidden_layers: entry.shape.layers,
    num_attention_heads: entry.shape.heads,
    intermediate_size: entry.shape.intermediate,
  };
}

/** The encoder with its pooler, as Hugging Face's BertModel counts it. */
export function catalogueParameters(entry: CatalogueEntry): number {
  return countParameters(catalogueConfig(entry));
}

/**
 * The weights file's size: every stored parameter as float32 (what the Hub's
 * model.safetensors and pytorch_model.bin hold; the tied decoder is stored once), without
 * the few kilobytes of header. An estimate: vocab.txt and config.json add well under 1 MB.
 */
export function catalogueDownloadBytes(entry: CatalogueEntry): number {
  const { head, labels } = entry.storedHead;
  const config = labels ? withLabels(catalogueConfig(entry), labels) : catalogueConfig(entry);
  return countParameters(config, { head }) * 4;
}

/** The catalogue checkpoint of a preset's shape: what to fine-tune instead of the preset's random weights. */
export function pretrainedEquivalent(preset: PresetName): CatalogueEntry | undefined {
  const config = PRESETS[preset].config;
  return CATALOGUE.find(
    (entry) =>
      !entry.cased &&
      entry.domain === GENERAL &&
      entry.shape.layers === config.num_hidden_layers &&
      entry.shape.hidden === config.hidden_size &&
      entry.shape.heads === config.num_attention_heads &&
      entry.shape.vocabSize === config.vocab_size,
  );
}

