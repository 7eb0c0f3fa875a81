// Playground: type an input and see what a finished run's model predicts.
import { useEffect, useState } from 'react';
import type { DataColumns, DatasetReport, RunRecord, TaskKind } from '../../../electron/contract';
import { EmptyState, ErrorNote } from '../components/Feedback';
import { FinishedRunPicker } from '../components/FinishedRunPicker';
import { Link } from '../components/Link';
import { ClassResult } from '../components/playground/ClassResult';
import { FillMaskResult } from '../components/playground/FillMaskResult';
import { NerResult } from '../components/playground/NerResult';
import { QaResult } from '../components/playground/QaResult';
import { byCreated, hasModel, runTask } from '../lib/run-info';
import { useWorkbench } from '../store';
import type { PlaygroundInput } from '../store/playground-slice';

interface Fields {
  text: string;
  pair: string;
  question: string;
  context: string;
}
const EMPTY: Fields = { text: '', pair: '', question: '', context: '' };
/** What a pre-training run's playground starts with: the fill-mask classic. */
const FILL_MASK_EXAMPLE = 'I caught a [MASK] while fishing.';

/** A sentence with one of its longer words replaced by [MASK]. */
function maskOneWord(sentence: string, k: number): string {
  const words = sentence.split(' ');
  const candidates = words.flatMap((word, i) => (/^[\p{L}]{3,}$/u.test(word) ? [i] : []));
  if (candidates.length === 0) return `${sentence} [MASK]`;
  const pick = candidates[k % candidates.length]!;
  return words.map((word, i) => (i === pick ? '[MASK]' : word)).join(' ');
}

function pick<T>(preview: { train: T[]; validation: T[] }, k: number): T | undefined {
  const rows = preview.validation.length ? preview.validation : preview.train;
  return rows[k % Math.max(1, rows.length)];
}

/** An example from the run's own data, so that a first try needs no typing. */
function exampleFrom(report: DatasetReport, k: number): Fields | null {
  switch (report.task) {
    case 'classification': {
      const r = pick(report.preview, k);
      return r ? { ...EMPTY, text: r.text, pair: r.textPair ?? '' } : null;
    }
    case 'ner': {
      const r = pick(report.preview, k);
      return r ? { ...EMPTY, text: r.tokens.join(' ') } : null;
    }
    case 'qa': {
      const r = pick(report.preview, k);
      return r ? { ...EMPTY, question: r.question, context: r.context } : null;
    }
    case 'mlm': {
      const r = pick(report.preview, k);
      return r && r.sentences[0] ? { ...EMPTY, text: maskOneWord(r.sentences[0], k), pair: r.sentences[1] ?? '' } : null;
    }
  }
}

function toInput(task: TaskKind, f: Fields): PlaygroundInput | null {
  if (task === 'qa') return f.question.trim() && f.context.trim() ? { question: f.question, context: f.context } : null;
  if (!f.text.trim()) return null;
  return (task === 'classification' || task === 'mlm') && f.pair.trim() ? { text: f.text, text_pair: f.pair } : { text: f.text };
}

/**
 * Whether the model reads sentence pairs: its training data had a second text. Asked of
 * the run's data (the same cached inspection "Fill in an example" uses); unknown (the
 * data moved) shows the field, so a pair model is never left without it.
 */
function useReadsPairs(run: RunRecord, task: TaskKind): boolean {
  const inspectDataset = useWorkbench((s) => s.inspectDataset);
  const [pairs, setPairs] = useState<boolean | undefined>(undefined);
  useEffect(() => {
    const data = run.config.data as { train?: string; validation?: string } | undefined;
    if (task !== 'classification' || !data?.train) return;
    let current = true;
    void inspectDataset({ task, train: data.train, ...(data.validation ? { validation: data.validation } : {}) }).then((state) => {
      if (current && state.report?.task === 'classification') setPairs(state.report.stats.train.pairs > 0);
    });
    return () => {
      current = false;
    };
  }, [run.id, task, inspectDataset]);
  return task === 'classification' && pairs !== false;
}

function InputForm({ run, task }: { run: RunRecord; task: TaskKind }) {
  // Pre-training models take an optional next sentence (their next-sentence head).
  const readsPairs = useReadsPairs(run, task) || task === 'mlm';
  const [fields, setFields] = useState<Fields>(task === 'mlm' ? { ...EMPTY, text: FILL_MASK_EXAMPLE } : EMPTY);
  const [exampleIndex, setExampleIndex] = useState(0);
  const [exampleError, setExampleError] = useState<string | null>(null);
  const predict = useWorkbench((s) => s.predict);
  const predicting = useWorkbench((s) => s.predicting);
  const inspectDataset = useWorkbench((s) => s.inspectDataset);
  const input = toInput(task, readsPairs ? fields : { ...fields, pair: '' });
  const set = (key: keyof Fields) => (e: { target: { value: string } }) => setFields({ ...fields, [key]: e.target.value });
  const fillExample = async () => {
    const data = run.config.data as { train?: string; validation?: string; columns?: DataColumns; label_names?: Record<string, string> } | undefined;
    if (!data?.train) return;
    // Read as the run read it: its column mapping and label names.
    const state = await inspectDataset({
      task,
      train: data.train,
      ...(data.validation ? { validation: data.validation } : {}),
      ...(data.columns ? { columns: data.columns } : {}),
      ...(data.label_names ? { labelNames: data.label_names } : {}),
    });
    const example = state.report ? exampleFrom(state.report, exampleIndex) : null;
    setExampleError(example ? null : (state.error ?? 'The run’s data has no examples to show.'));
    if (example) setFields(example);
    setExampleIndex(exampleIndex + 1);
  };
  return (
    <form
      className="playground-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (input) void predict(run.id, input);
      }}
    >
      {task === 'qa' ? (
        <>
          <label className="setting">
            <span>Question</span>
            <input type="text" value={fields.question} onChange={set('question')} data-testid="input-question" />
          </label>
          <label className="setting">
            <span>Context</span>
            <textarea rows={6} value={fields.context} onChange={set('context')} data-testid="input-context" />
          </label>
        </>
      ) : (
        <>
          <label className="setting">
            <span>{task === 'ner' ? 'Text (entities are found in it)' : task === 'mlm' ? 'Text with [MASK] where a word should be filled in' : 'Text'}</span>
            <textarea rows={3} value={fields.text} onChange={set('text')} data-testid="input-text" />
          </label>
          {readsPairs && (
            <label className="setting">
              <span>{task === 'mlm' ? 'Next sentence (optional: asks the next-sentence head whether it follows)' : 'Second text (this model was trained on sentence pairs)'}</span>
              <input type="text" value={fields.pair} onChange={set('pair')} data-testid="input-pair" />
            </label>
          )}
        </>
      )}
      <div className="actions">
        <button type="submit" className="primary" disabled={!input || predicting} data-testid="predict">
          {predicting ? 'Predicting…' : 'Predict'}
        </button>
        <button type="button" onClick={() => void fillExample()} data-testid="fill-example">
          Fill in an example from the run’s data
        </button>
      </div>
      <ErrorNote message={exampleError} />
    </form>
  );
}

function Result() {
  const prediction = useWorkbench((s) => s.prediction);
  const input = useWorkbench((s) => s.predictedInput);
  const predictError = useWorkbench((s) => s.predictError);
  if (predictError) return <ErrorNote message={predictError} testId="predict-error" />;
  if (!prediction || !input) return null;
  if (prediction.task === 'classification') return <ClassResult prediction={prediction} />;
  if (prediction.task === 'ner') return <NerResult prediction={prediction} text={'text' in input ? input.text : ''} />;
  if (prediction.task === 'fill-mask') return <FillMaskResult prediction={prediction} />;
  return <QaResult prediction={prediction} context={'context' in input ? input.context : ''} />;
}

export function Playground({ id }: { id?: string }) {
  const runs = useWorkbench((s) => s.runs);
  const clearPrediction = useWorkbench((s) => s.clearPrediction);
  const loadRun = useWorkbench((s) => s.loadRun);
  const finished = Object.values(runs).filter(hasModel).sort(byCreated);
  const run = id ? runs[id] : undefined;
  useEffect(() => {
    clearPrediction();
    if (id && !runs[id]) void loadRun(id);
  }, [id]); // a new run starts with a clean slate
  const task = (run ? runTask(run) : 'classification') as TaskKind;
  return (
    <div className="page">
      <section className="panel" aria-labelledby="playground-heading">
        <h2 id="playground-heading">Playground</h2>
        {finished.length === 0 ? (
          <EmptyState title="No finished model to try yet" testId="playground-empty">
            <p>
              The playground runs a model that finished training. <Link to={{ page: 'new-run' }}>Start a run</Link> (bert-tiny with a few steps takes under a minute) and come back when it completes.
            </p>
          </EmptyState>
        ) : (
          <FinishedRunPicker label="Model" page="playground" id={id} finished={finished} testId="playground-run" />
        )}
      </section>
      {run && !hasModel(run) && (
        <p className="hint">
          This run has no finished model yet (status {run.status}). <Link to={{ page: 'run', id: run.id }}>Open the run</Link>
        </p>
      )}
      {run && hasModel(run) && (
        <section className="panel" aria-label="Try the model">
          <InputForm key={run.id} run={run} task={task} />
          <Result />
        </section>
      )}
    </div>
  );
}
