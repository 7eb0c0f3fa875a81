// The model card (README.md) of an exported Hugging Face folder: the Hub's YAML front
// matter (library_name, pipeline_tag, tags, base_model, datasets, metrics) and a body that
// says what the model does, what it was trained from and on, every training setting, the
// results with the training curve in numbers, and how to load it.
import type { BertConfig } from '../model/config';
import type { HeadName } from '../model/layout';
import { bestEvaluation, evalMetricNames, lastEvaluation, lossCurve, type LogRow } from './training-summary';

export interface ModelCardInput {
  /** The run's name, the card's title. */
  title: string;
  config: BertConfig;
  head: HeadName;
  architecture: string;
  parameters: number;
  /** A Hugging Face Hub id, when the run started from one. */
  baseModel?: string;
  /** The commit of baseModel the run started from. */
  baseCommit?: string;
  /** Where the weights came from, in words, when not a Hub id (a preset, a local folder). */
  baseDescription?: string;
  dataset?: {
    name: string;
    trainFile?: string;
    trainExamples?: number;
    validationFile?: string;
    validationExamples?: number;
    /** 'split': carved from the training file. */
    validationFrom?: 'file' | 'split' | 'none';
  };
  /** The training settings, under their TrainingArguments names. */
  training: Record<string, unknown>;
  run?: { id?: string; backend?: string; trainSeconds?: number; startedAt?: string; finishedAt?: string };
  metrics: readonly LogRow[];
  finalMetrics?: Record<string, number>;
  bestMetric?: { name: string; value: number; step: number };
  /** The eval_* key that picks the best checkpoint, and its direction. */
  metricForBestModel?: string;
  greaterIsBetter?: boolean;
}

interface TaskInfo {
  pipeline: string;
  description: string;
  usage: (folder: string) => string;
}

const TASKS: Record<HeadName, TaskInfo> = {
  'sequence-classification': {
    pipeline: 'text-classification',
    description: 'text classification',
    usage: (folder) => `classifier = pipeline("text-classification", model="${folder}")\nprint(classifier("This movie was really good."))`,
  },
  'token-classification': {
    pipeline: 'token-classification',
    description: 'token classification (named-entity recognition)',
    usage: (folder) => `tagger = pipeline("token-classification", model="${folder}", aggregation_strategy="simple")\nprint(tagger("John Smith lives in Paris."))`,
  },
  'question-answering': {
    pipeline: 'question-answering',
    description: 'extractive question answering',
    usage: (folder) => `qa = pipeline("question-answering", model="${folder}")\nprint(qa(question="Where does John live?", context="John Smith lives in Paris."))`,
  },
  pretraining: {
    pipeline: 'fill-mask',
    description: 'masked language modelling (BERT pre-training: masked LM + next sentence prediction)',
    usage: (folder) => `fill = pipeline("fill-mask", model="${folder}")\nprint(fill("Paris is the [MASK] of France."))`,
  },
};

function yamlScalar(value: string): string {
  return /^[A-Za-z0-9_][\w./-]*$/.test(value) ? value : JSON.stringify(value);
}

function yamlList(key: string, values: readonly string[]): string[] {
  return values.length === 0 ? [] : [`${key}:`, ...values.map((v) => `- ${yamlScalar(v)}`)];
}

/** Four significant digits, no trailing zeros: 0.912345 -> 0.9123, 2e-5 -> 0.00002. */
export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return String(value);
  return String(Number(value.toPrecision(4)));
}

function formatValue(value: unknown): string {
  if (typeof value === 'number') return formatNumber(value);
  if (value === null || value === undefined) return '—';
  if (typeof value === 'string') return value;
  return JSON.stringify(value);
}

function table(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
  const escape = (cell: string) => cell.replace(/\|/g, '\\|').replace(/\n/g, ' ');
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((row) => `| ${row.map(escape).join(' | ')} |`)];
}

function metricLabel(name: string): string {
  return name.replace(/^eval_/, '');
}

function duration(seconds: number): string {
  if (seconds < 90) return `${Math.round(seconds)} s`;
  if (seconds < 5400) return `${Math.round(seconds / 60)} min`;
  return `${(seconds / 3600).toFixed(1)} h`;
}

export function modelCard(input: ModelCardInput): string {
  const task = TASKS[input.head];
  const { config } = input;
  const labels = config.id2label ? Object.keys(config.id2label).sort((a, b) => Number(a) - Number(b)).map((id) => config.id2label![id]!) : [];
  const final = input.finalMetrics ?? lastEvaluation(input.metrics)?.metrics ?? {};
  const metricNames = [...new Set([...Object.keys(final), ...evalMetricNames(input.metrics)])];
  const bestKey = input.metricForBestModel ?? input.bestMetric?.name;
  const best = input.bestMetric ?? (bestKey ? bestEvaluation(input.metrics, bestKey, input.greaterIsBetter) : undefined);

  const front = [
    '---',
    'library_name: transformers',
    ...(input.baseModel ? [`base_model: ${yamlScalar(input.baseModel)}`] : []),
    `pipeline_tag: ${task.pipeline}`,
    ...yamlList('tags', ['bert', task.pipeline, 'bert-workbench']),
    ...yamlList('datasets', input.dataset ? [input.dataset.name] : []),
    ...yamlList('metrics', metricNames.map(metricLabel).filter((m) => m !== 'loss')),
    '---',
  ];

  const size = `${config.num_hidden_layers} layers, hidden size ${config.hidden_size}, ${config.num_attention_heads} attention heads, ${input.parameters.toLocaleString('en-US')} parameters`;
  const commit = input.baseCommit ? ` at commit [\`${input.baseCommit.slice(0, 10)}\`](https://huggingface.co/${input.baseModel}/tree/${input.baseCommit})` : '';
  const base = input.baseModel ? `[${input.baseModel}](https://huggingface.co/${input.baseModel})${commit}` : (input.baseDescription ?? 'not recorded');
  const body: string[] = [
    `# ${input.title}`,
    '',
    `A BERT model (${size}) fine-tuned for ${task.description} with BERT Workbench.`,
    '',
    '## Model',
    '',
    `- **Task:** ${task.description} (\`${input.architecture}\`)`,
    `- **Base model:** ${base}`,
    `- **Size:** ${size}`,
    ...(labels.length > 0 && input.head.endsWith('classification') ? [`- **Labels (${labels.length}):** ${labels.map((l) => `\`${l}\``).join(', ')}`] : []),
    `- **Maximum sequence length:** ${config.max_position_embeddings} tokens`,
    '',
    '## Training data',
    '',
  ];
  const data = input.dataset;
  if (data) {
    const count = (n: number | undefined) => (n === undefined ? '' : ` — ${n.toLocaleString('en-US')} examples`);
    body.push(`- **Data set:** ${data.name}`);
    if (data.trainFile !== undefined || data.trainExamples !== undefined) body.push(`- **Training set:** ${data.trainFile ? `\`${data.trainFile}\`` : 'training split'}${count(data.trainExamples)}`);
    if (data.validationFrom === 'split') body.push(`- **Validation set:** held out from the training file${count(data.validationExamples)}`);
    else if (data.validationFile !== undefined || data.validationExamples !== undefined) body.push(`- **Validation set:** ${data.validationFile ? `\`${data.validationFile}\`` : 'validation split'}${count(data.validationExamples)}`);
    else if (data.validationFrom === 'none') body.push('- **Validation set:** none');
  } else {
    body.push('Not recorded.');
  }

  body.push('', '## Training procedure', '', 'Every setting of the run (names as in Transformers\' `TrainingArguments`):', '');
  const settings = Object.entries(input.training);
  body.push(...(settings.length > 0 ? table(['setting', 'value'], settings.map(([k, v]) => [`\`${k}\``, formatValue(v)])) : ['Not recorded.']));
  const run = input.run;
  if (run) {
    const facts = [
      run.backend ? `backend ${run.backend}` : undefined,
      run.trainSeconds !== undefined ? `${duration(run.trainSeconds)} of training` : undefined,
      run.finishedAt ? `finished ${run.finishedAt}` : undefined,
      run.id ? `run \`${run.id}\`` : undefined,
    ].filter((f): f is string => f !== undefined);
    if (facts.length > 0) body.push('', `Trained with BERT Workbench (${facts.join(', ')}).`);
  }

  body.push('', '## Results', '');
  const finalEntries = Object.entries(final);
  if (finalEntries.length > 0) {
    body.push('Final evaluation:', '', ...table(['metric', 'value'], finalEntries.map(([k, v]) => [metricLabel(k), formatNumber(v)])), '');
  } else {
    body.push('No evaluation was recorded.', '');
  }
  if (best) body.push(`Best evaluation: **${metricLabel(best.name)} = ${formatNumber(best.value)}** at step ${best.step}.`, '');

  const curve = lossCurve(input.metrics);
  if (curve.length > 0) {
    body.push('Training curve (training loss):', '', ...table(['point', 'step', 'epoch', 'loss'], curve.map((p) => [p.at, String(p.step), p.epoch === undefined ? '—' : formatNumber(p.epoch), formatNumber(p.loss)])), '');
  }

  body.push(
    '## How to use',
    '',
    'With 🤗 Transformers (PyTorch), from this folder (or its Hub id once uploaded):',
    '',
    '```python',
    'from transformers import pipeline',
    '',
    task.usage('path/to/this/folder'),
    '```',
    '',
    'In BERT Workbench: pick this folder as the model checkpoint of a new run (to fine-tune it further), or predict from the command line:',
    '',
    '```sh',
    'bert-workbench predict --model path/to/this/folder --input inputs.jsonl',
    '```',
    '',
    input.head === 'question-answering'
      ? 'where each line of `inputs.jsonl` is `{"question": "…", "context": "…"}`.'
      : input.head === 'token-classification'
        ? 'where each line of `inputs.jsonl` is `{"tokens": ["John", "Smith", …]}` or `{"text": "…"}`.'
        : 'where each line of `inputs.jsonl` is `{"text": "…"}` (and `"text_pair"` for sentence pairs).',
    '',
  );
  return [...front, '', ...body].join('\n');
}
