// The "bert-workbench-tfjs" format (TFJS-FORMAT.md): what model.json says. Plain data, no
// TensorFlow.js and no Node, so that the exporter and the page's runtime (web/) share it.
import type { WeightsManifestGroup } from './tfjs-weights';

export const TFJS_FORMAT = 'bert-workbench-tfjs';
export const TFJS_FORMAT_VERSION = 1;
export const TFJS_MODEL_FILE = 'model.json';

/** How the weights are stored, by the names tf.io uses. */
export type WeightStorage = 'float32' | 'float16' | 'uint8';

export interface TfjsModelJson {
  format: typeof TFJS_FORMAT;
  formatVersion: typeof TFJS_FORMAT_VERSION;
  generatedBy: string;
  /** config.json as Transformers writes it (Hugging Face names, id2label included). */
  config: Record<string, unknown>;
  head: {
    name: string;
    /** The Transformers class, e.g. BertForSequenceClassification. */
    architecture: string;
    /** The head's outputs, in the order the runtime returns them. */
    outputs: string[];
    /** Which of them have one value per token. */
    perTokenOutputs: string[];
  };
  tokenizer: {
    /** The vocabulary file, one token a line, beside model.json. */
    vocab: string;
    /** tokenizer_config.json's settings (do_lower_case, special tokens, model_max_length, …). */
    config: Record<string, unknown>;
  };
  weightStorage: WeightStorage;
  /** tf.io's weights manifest: `tf.io.loadWeights(weightsManifest, folderUrl)` loads every weight by its state-dict name. */
  weightsManifest: WeightsManifestGroup[];
}
