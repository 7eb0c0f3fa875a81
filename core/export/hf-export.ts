// A Hugging Face folder that Transformers' from_pretrained loads unchanged: the checkpoint
// files the core writes anyway (config.json, model.safetensors under the state-dict names,
// vocab.txt), a complete tokenizer_config.json, special_tokens_map.json, tokenizer.json
// (what the fast tokenizers and transformers.js read) and the model card.
import { checkpointFiles, CONFIG_FILE, configToJson, TOKENIZER_CONFIG_FILE, type TokenizerFiles } from '../checkpoint/hf-folder';
import { numLabels } from '../model/layout';
import type { BertModel } from '../model/model';
import { exportTokenizerConfig, SPECIAL_TOKENS_MAP_FILE, specialTokensMap, tokenizerSettings } from './tokenizer-files';
import { TOKENIZER_JSON_FILE, tokenizerJsonBytes } from './tokenizer-json';

export const MODEL_CARD_FILE = 'README.md';

function json(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value, null, 2) + '\n');
}

/** config.json as Transformers writes it for this model, problem_type stated for classifiers. */
export function exportConfigJson(model: BertModel): Record<string, unknown> {
  const config = configToJson(model.config, model.head.architecture);
  if (model.headName === 'sequence-classification') {
    config.problem_type = numLabels(model.config) === 1 ? 'regression' : 'single_label_classification';
  }
  return config;
}

/** The export's files (name -> bytes); `card` is the README.md text. */
export async function hfExportFiles(model: BertModel, tokenizer: TokenizerFiles, card?: string): Promise<Map<string, Uint8Array>> {
  const maxLength = model.config.max_position_embeddings;
  const tokenizerConfig = exportTokenizerConfig(tokenizer.tokenizerConfig, maxLength);
  const files = await checkpointFiles(model, { vocab: tokenizer.vocab, tokenizerConfig });
  files.set(CONFIG_FILE, json(exportConfigJson(model)));
  files.set(TOKENIZER_CONFIG_FILE, json(tokenizerConfig));
  const settings = tokenizerSettings(tokenizer.tokenizerConfig, maxLength);
  files.set(SPECIAL_TOKENS_MAP_FILE, json(specialTokensMap(settings)));
  files.set(TOKENIZER_JSON_FILE, tokenizerJsonBytes(tokenizer.vocab, settings));
  if (card !== undefined) files.set(MODEL_CARD_FILE, new TextEncoder().encode(card));
  return files;
}
