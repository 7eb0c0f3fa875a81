// Reading a checkpoint's config.json into a BertConfig: plain data, no TensorFlow.js, so
// the service can read a model's shape (for the run estimate) without loading a backend.
import { architectureProblem, ConfigError, presetConfig, validateConfig, type BertConfig } from '../model/config';

/** A BertConfig from a parsed config.json; refuses other model types and features this core lacks. */
export function configFromJson(json: Record<string, unknown>): BertConfig {
  const problem = architectureProblem(json);
  if (problem) throw new ConfigError(problem);
  // Transformers' BertConfig defaults are bert-base's shape, for fields a config.json leaves out.
  const config = presetConfig('bert-base');
  const target = config as unknown as Record<string, unknown>;
  for (const key of Object.keys(config)) if (json[key] !== undefined) target[key] = json[key];
  for (const key of ['classifier_dropout', 'architectures', 'id2label', 'label2id'] as const) {
    if (json[key] !== undefined) target[key] = json[key];
  }
  return validateConfig(config);
}
