// A pre-training run exported as a Hugging Face folder: config.json says BertForPreTraining,
// model.safetensors holds its weights under the names Transformers' BertForPreTraining
// and BertForMaskedLM load (checked by scripts/check_masked_lm_export.py against
// modeling_bert's module tree and loading rules, with torch but without transformers,
// which this machine does not have), and a plain-torch masked LM on those weights ranks
// the same tokens at a [MASK] as the app's fill-mask.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../core/tf';
import { referenceCheckpointDir } from '../../core/model/testing';
import { findTorchPython } from '../../bench/pytorch-node';
import { idsWithMasks } from '../predict/fill-mask';
import { TextPredictor } from '../predict/text-predictor';
import { exportRun } from './export-run';
import { RunStore } from './run-store';
import { REFERENCE_CORPUS } from './testing-pretraining-reference';
import { runTrainingJob } from './training-job';

const run = promisify(execFile);
const CHECK = path.join(import.meta.dirname, '..', '..', 'scripts', 'check_masked_lm_export.py');
const python = await findTorchPython();

let root: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  root = mkdtempSync(path.join(tmpdir(), 'pretraining-export-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('exporting a pre-training run', () => {
  it.skipIf(!python)('writes BertForPreTraining weights that BertForMaskedLM loads and that fill in a [MASK] as the app does', async () => {
    const store = new RunStore(path.join(root, 'runs'));
    writeFileSync(path.join(root, 'corpus.txt'), REFERENCE_CORPUS + '\n');
    const { id } = await store.create({
      name: 'pre-train',
      config: { task: 'mlm', model: { checkpoint: referenceCheckpointDir('pretraining') }, data: { train: path.join(root, 'corpus.txt') }, training: { max_steps: 2, batch_size: 4, max_seq_length: 24, learning_rate: 1e-3 } },
      origin: 'cli',
    });
    expect((await runTrainingJob({ store, runId: id })).status).toBe('completed');
    const exported = await exportRun(store, id, { format: 'hf' });
    expect(exported.parity.ok).toBe(true);
    expect(JSON.parse(readFileSync(path.join(exported.path, 'config.json'), 'utf8')).architectures).toEqual(['BertForPreTraining']);

    const predictor = await TextPredictor.load(exported.path);
    try {
      const text = 'john caught a [MASK] while fishing .';
      const [prediction] = await predictor.predict([{ text, top_k: 5 }]);
      if (prediction?.task !== 'fill-mask') throw new Error('expected fill-mask');
      const ids = [predictor.tokenizer.clsId, ...idsWithMasks(predictor.tokenizer, text), predictor.tokenizer.sepId];
      const { stdout } = await run(python!, [CHECK, exported.path, JSON.stringify(ids), '5', String(predictor.tokenizer.maskId)], { env: { ...process.env, OMP_WAIT_POLICY: 'PASSIVE' }, timeout: 120_000 });
      const check = JSON.parse(stdout) as { model_type: string; BertForPreTraining: string[]; BertForMaskedLM: string[]; ignored_by_masked_lm: string[]; masks: { ids: number[]; probabilities: number[] }[] };
      expect(check.model_type).toBe('bert');
      expect(check.BertForPreTraining).toEqual([]);
      expect(check.BertForMaskedLM).toEqual([]);
      expect(check.ignored_by_masked_lm).toEqual(['bert.pooler.dense.bias', 'bert.pooler.dense.weight', 'cls.seq_relationship.bias', 'cls.seq_relationship.weight']);
      const app = prediction.masks[0]!.candidates;
      expect(check.masks[0]!.ids).toEqual(app.map((c) => c.token_id));
      check.masks[0]!.probabilities.forEach((p, k) => expect(p).toBeCloseTo(app[k]!.probability, 5));
    } finally {
      predictor.dispose();
    }
  });
});
