// Evaluation of pre-training on held-out text: the log_history keys of run_mlm.py
// (eval_loss, eval_perplexity) and of Google's run_pretraining.py (masked-LM and
// next-sentence loss and accuracy). The decoder runs at the masked positions only, as in
// training, so a held-out pass costs what its encoder costs.
//
//   eval_loss          mean over examples of the batch losses (MLM + NSP), as Trainer averages
//   eval_mlm_loss      the same mean of the MLM part alone
//   eval_perplexity    exp(eval_mlm_loss): run_mlm's perplexity
//   eval_mlm_accuracy  masked positions predicted right / masked positions
//   eval_nsp_loss, eval_nsp_accuracy   when the features carry next_sentence_label
import * as tf from '../tf';
import { pretrainingTerms } from '../model/heads/pretraining';
import type { BertModel } from '../model/model';
import { collate, disposeBatch } from './batching';
import type { EvaluationSet } from './evaluation';
import type { TrainingFeature } from './features';

/** Masked-LM (and NSP) metrics on features masked once (`maskForMlm` with a fixed seed), so that evaluations compare. */
export function maskedLmEvaluation(features: readonly TrainingFeature[]): EvaluationSet {
  const withNsp = features.length > 0 && features.every((feature) => feature.nextSentenceLabel !== undefined);
  return {
    features,
    outputs: [],
    metricNames: ['loss', 'mlm_loss', 'mlm_accuracy', 'perplexity', ...(withNsp ? ['nsp_loss', 'nsp_accuracy'] : [])],
    score: () => ({}),
    run: (model, batchSize) => evaluatePretraining(model, features, batchSize),
  };
}

interface Sums {
  loss: number;
  mlmLoss: number;
  mlmCorrect: number;
  mlmCount: number;
  nspLoss: number;
  nspCorrect: number;
  nspCount: number;
}

async function evaluatePretraining(model: BertModel, features: readonly TrainingFeature[], batchSize: number): Promise<Record<string, number>> {
  if (features.length === 0) return {};
  const sums: Sums = { loss: 0, mlmLoss: 0, mlmCorrect: 0, mlmCount: 0, nspLoss: 0, nspCorrect: 0, nspCount: 0 };
  let withNsp = true;
  for (let start = 0; start < features.length; start += batchSize) {
    const batchFeatures = features.slice(start, start + batchSize);
    const batch = collate(batchFeatures, 'pretraining', model.config.pad_token_id);
    try {
      const terms = model.withEncoded(batch.inputs, { training: false }, (ctx, encoded) => {
        const t = pretrainingTerms(ctx, encoded, batch.labels);
        return t.nsp ? [t.mlmLoss, t.mlmCorrect, t.mlmCount, t.nsp.loss, t.nsp.correct, t.nsp.count] : [t.mlmLoss, t.mlmCorrect, t.mlmCount];
      });
      const [mlmLoss = 0, mlmCorrect = 0, mlmCount = 0, nspLoss, nspCorrect = 0, nspCount = 0] = await Promise.all(terms.map(async (t) => (await t.data())[0]!));
      tf.dispose(terms);
      const n = batchFeatures.length;
      sums.mlmLoss += mlmLoss * n;
      sums.mlmCorrect += mlmCorrect;
      sums.mlmCount += mlmCount;
      if (nspLoss === undefined) withNsp = false;
      else {
        sums.nspLoss += nspLoss * n;
        sums.nspCorrect += nspCorrect;
        sums.nspCount += nspCount;
      }
      sums.loss += (mlmLoss + (nspLoss ?? 0)) * n;
    } finally {
      disposeBatch(batch);
    }
  }
  const N = features.length;
  const metrics: Record<string, number> = {
    loss: sums.loss / N,
    mlm_loss: sums.mlmLoss / N,
    mlm_accuracy: sums.mlmCount > 0 ? sums.mlmCorrect / sums.mlmCount : 0,
    perplexity: Math.exp(sums.mlmLoss / N),
  };
  if (withNsp) Object.assign(metrics, { nsp_loss: sums.nspLoss / N, nsp_accuracy: sums.nspCount > 0 ? sums.nspCorrect / sums.nspCount : 0 });
  return metrics;
}
