// The TF.js export: model.json in the "bert-workbench-tfjs" format (see TFJS-FORMAT.md),
// the weight shards in tf.io's format, and the tokenizer files. The page that runs it (web/)
// and its runtime, the core's own modules bundled (web-runtime-build.mjs), are added beside
// these by tfjs-export-node.ts.
import { VOCAB_FILE, TOKENIZER_CONFIG_FILE, type TokenizerFiles } from '../checkpoint/hf-folder';
import type { BertModel } from '../model/model';
import { exportConfigJson } from './hf-export';
import { exportTokenizerConfig } from './tokenizer-files';
import { TFJS_FORMAT, TFJS_FORMAT_VERSION, TFJS_MODEL_FILE, type TfjsModelJson, type WeightStorage } from './tfjs-format';
import { encodeWeights, type NamedWeight, type Quantization, type WeightsManifestGroup } from './tfjs-weights';

export { TFJS_FORMAT, TFJS_FORMAT_VERSION, TFJS_MODEL_FILE, type TfjsModelJson, type WeightStorage } from './tfjs-format';

const STORAGE: Record<Quantization, WeightStorage> = { f16: 'float16', u8: 'uint8' };

export interface TfjsExportOptions {
  quantize?: Quantization;
  shardBytes?: number;
  /** Written into model.json, e.g. "BERT Workbench 0.1.0". */
  generatedBy?: string;
}

export function tfjsModelJson(model: BertModel, tokenizerConfig: Record<string, unknown>, weightsManifest: WeightsManifestGroup[], options: TfjsExportOptions = {}): TfjsModelJson {
  return {
    format: TFJS_FORMAT,
    formatVersion: TFJS_FORMAT_VERSION,
    generatedBy: options.generatedBy ?? 'BERT Workbench',
    config: exportConfigJson(model),
    head: {
      name: model.headName,
      architecture: model.head.architecture,
      outputs: [...model.head.outputNames],
      perTokenOutputs: [...model.head.perTokenOutputs],
    },
    tokenizer: { vocab: VOCAB_FILE, config: tokenizerConfig },
    weightStorage: options.quantize ? STORAGE[options.quantize] : 'float32',
    weightsManifest,
  };
}

/** model.json, the shards, vocab.txt and tokenizer_config.json (name -> bytes). */
export async function tfjsExportFiles(model: BertModel, tokenizer: TokenizerFiles, options: TfjsExportOptions = {}): Promise<Map<string, Uint8Array>> {
  const weights: NamedWeight[] = [];
  // Read asynchronously: the WebGPU backend cannot read synchronously under Node.
  for (const [name, variable] of model.params.entries()) weights.push({ name, shape: [...variable.shape], values: (await variable.data()) as Float32Array });
  const { manifest, shards } = encodeWeights(weights, options);
  const tokenizerConfig = exportTokenizerConfig(tokenizer.tokenizerConfig, model.config.max_position_embeddings);
  const encoder = new TextEncoder();
  const files = new Map<string, Uint8Array>(shards);
  files.set(VOCAB_FILE, encoder.encode(tokenizer.vocab));
  files.set(TOKENIZER_CONFIG_FILE, encoder.encode(JSON.stringify(tokenizerConfig, null, 2) + '\n'));
  // model.json last: a folder with one is a complete export.
  files.set(TFJS_MODEL_FILE, encoder.encode(JSON.stringify(tfjsModelJson(model, tokenizerConfig, manifest, options)) + '\n'));
  return files;
}

/** README.md of a TF.js export: what is in the folder and how to run the page. */
export function tfjsReadme(model: BertModel, quantize: Quantization | undefined): string {
  const storage = quantize ? STORAGE[quantize] : 'float32';
  return `# ${model.head.architecture} for TensorFlow.js

Exported by BERT Workbench (format \`${TFJS_FORMAT}\` version ${TFJS_FORMAT_VERSION}; weights stored as ${storage}).

- \`index.html\`, \`app.js\` — a page that runs the model in the browser: type text, get the prediction. No network access.
- \`bert-runtime.js\` — BERT Workbench's own WordPiece tokenizer, encoder and task head, bundled for the browser (\`BertWorkbench.load(tf, url)\`); it runs on \`tf.min.js\`, loaded before it.
- \`tf.min.js\` — TensorFlow.js (the version the app runs).
- \`model.json\` — config (Hugging Face names), head, tokenizer settings and the tf.io weights manifest.
- \`group1-shard*.bin\` — the weights, by Hugging Face state-dict name; \`tf.io.loadWeights(modelJson.weightsManifest, url)\` loads them.
- \`vocab.txt\`, \`tokenizer_config.json\` — the tokenizer.

## Run the page

Browsers do not let a page opened from a file read other files, so serve the folder:

    python3 -m http.server 8000      # or: npx http-server -p 8000

and open http://localhost:8000/. Opened from the file itself, the page asks you to pick the folder's files instead.

## Use the model in your own code

    <script src="tf.min.js"></script>
    <script src="bert-runtime.js"></script>
    <script>
      BertWorkbench.load(tf, '.').then(async ({ model, tokenizer }) => {
        const encoding = tokenizer.encode('some text');
        const [outputs] = await model.run([encoding]);
        console.log(outputs, model.decode(outputs, encoding, tokenizer));
      });
    </script>
`;
}
