// What the playground shows: a finished model run on text a person typed, decoded into
// words they can read — class probabilities, entities with their place in the text, the
// answer span with its n-best list and the no-answer score.
import { loadHfModel } from '../../core/checkpoint/hf-folder-node';
import { argmax, labelName, softmax } from '../../core/model/heads/task-head';
import type { BertModel } from '../../core/model/model';
import { predictBatch, type TokenizedExample } from '../../core/model/prediction';
import { extractEntities } from '../../core/metrics/ner';
import type { BertTokenizer, Encoding } from '../../core/tokenizer';
import { loadTokenizer } from '../../core/tokenizer/load-node';
import { featurizeQa } from '../../datasets/featurize/qa';
import { rankAnswers } from '../../datasets/featurize/qa-predictions';
import type { AnswerCandidate, EntitySpan, Prediction, PredictInput } from '../contract';
import { fillMask, FillMaskInputError } from './fill-mask';

const N_BEST = 5;
const QA_DOC_STRIDE = 128;

export class PredictInputError extends Error {
  override name = 'PredictInputError';
}

function modelInputs(encoding: Encoding): TokenizedExample {
  return { inputIds: encoding.inputIds, tokenTypeIds: encoding.tokenTypeIds, attentionMask: encoding.attentionMask };
}

/** The words of a tokenized text: each word's span is the union of its pieces' offsets. */
function wordSpans(encoding: Encoding): { first: number; start: number; end: number }[] {
  const words: { first: number; start: number; end: number }[] = [];
  encoding.wordIds.forEach((wordId, position) => {
    const offset = encoding.offsets[position];
    if (wordId === null || !offset) return;
    const word = words[wordId];
    if (word) word.end = offset[1];
    else words[wordId] = { first: position, start: offset[0], end: offset[1] };
  });
  return words.filter((w) => w !== undefined);
}

export class TextPredictor {
  private constructor(
    readonly model: BertModel,
    readonly tokenizer: BertTokenizer,
  ) {}

  static async load(modelDir: string): Promise<TextPredictor> {
    const [{ model }, tokenizer] = await Promise.all([loadHfModel(modelDir), loadTokenizer(modelDir)]);
    return new TextPredictor(model, tokenizer);
  }

  get maxLength(): number {
    return Math.min(512, this.model.config.max_position_embeddings);
  }

  async predict(inputs: readonly PredictInput[]): Promise<Prediction[]> {
    const results: Prediction[] = [];
    for (const input of inputs) results.push(await this.predictOne(input));
    return results;
  }

  dispose(): void {
    this.model.dispose();
  }

  private predictOne(input: PredictInput): Promise<Prediction> {
    switch (this.model.headName) {
      case 'sequence-classification':
        if (!('text' in input) || 'question' in input) throw new PredictInputError('this model classifies text: give {"text", "text_pair"?}');
        return this.classify(input.text, 'text_pair' in input ? input.text_pair : undefined);
      case 'token-classification':
        if ('tokens' in input) return this.tagWords(input.tokens);
        if ('text' in input && !('question' in input)) return this.tagText(input.text);
        throw new PredictInputError('this model tags entities: give {"text"} or {"tokens": [...]}');
      case 'question-answering':
        if (!('question' in input) || typeof input.context !== 'string') throw new PredictInputError('this model answers questions: give {"question", "context"}');
        return this.answer(input.question, input.context);
      case 'pretraining':
        if (!('text' in input) || 'question' in input) throw new PredictInputError('this model fills in masked words: give {"text"} with [MASK] in it (and "text_pair" to ask whether it follows)');
        return this.fill(input.text, 'text_pair' in input ? input.text_pair : undefined, 'top_k' in input ? input.top_k : undefined);
    }
  }

  private async fill(text: string, pair: string | undefined, topK: number | undefined): Promise<Prediction> {
    try {
      return await fillMask(this.model, this.tokenizer, text, pair, { maxLength: this.maxLength, ...(topK ? { topK } : {}) });
    } catch (error) {
      throw error instanceof FillMaskInputError ? new PredictInputError(error.message) : error;
    }
  }

  private async classify(text: string, pair: string | undefined): Promise<Prediction> {
    const encoding = this.tokenizer.encode(text, pair, { maxLength: this.maxLength, truncation: 'longest_first' });
    const [result] = await predictBatch(this.model, [modelInputs(encoding)]);
    const probabilities = softmax(result!.outputs.logits as number[]);
    const labels = probabilities.map((probability, id) => ({ label: labelName(this.model.config, id), probability }));
    return { task: 'classification', label: labels[argmax(probabilities)]!.label, probabilities: labels };
  }

  /** Free text: words as the tokenizer splits them (whitespace and punctuation), spans in characters. */
  private async tagText(text: string): Promise<Prediction> {
    const encoding = this.tokenizer.encode(text, undefined, { maxLength: this.maxLength, truncation: 'longest_first' });
    const words = wordSpans(encoding);
    return this.tag(encoding, words, words.map((w) => text.slice(w.start, w.end)), (first, last) => [words[first]!.start, words[last]!.end]);
  }

  /** Pre-split words: entity spans are word indices [start, end). */
  private async tagWords(tokens: string[]): Promise<Prediction> {
    const encoding = this.tokenizer.encodeWords(tokens, undefined, { maxLength: this.maxLength, truncation: 'longest_first' });
    const firstPiece = new Map<number, number>();
    encoding.wordIds.forEach((wordId, position) => {
      if (wordId !== null && !firstPiece.has(wordId)) firstPiece.set(wordId, position);
    });
    const words = tokens.map((_, i) => ({ first: firstPiece.get(i) ?? -1, start: i, end: i + 1 }));
    return this.tag(encoding, words, tokens, (first, last) => [first, last + 1]);
  }

  /** Each word takes its first piece's label (as Transformers' token classification); words without pieces are O. */
  private async tag(encoding: Encoding, words: { first: number }[], texts: string[], span: (first: number, last: number) => [number, number]): Promise<Prediction> {
    const [result] = await predictBatch(this.model, [modelInputs(encoding)]);
    const logits = result!.outputs.logits as number[][];
    const perWord = words.map(({ first }) => {
      if (first < 0 || !logits[first]) return { tag: 'O', confidence: 1 };
      const probabilities = softmax(logits[first]!);
      const id = argmax(probabilities);
      return { tag: labelName(this.model.config, id), confidence: probabilities[id]! };
    });
    const tags = perWord.map((w) => w.tag);
    const entities: EntitySpan[] = extractEntities(tags).map(({ type, start, end }) => {
      const [charStart, charEnd] = span(start, end);
      const confidences = perWord.slice(start, end + 1).map((w) => w.confidence);
      return {
        type,
        text: texts.slice(start, end + 1).join(' '),
        start: charStart,
        end: charEnd,
        confidence: confidences.reduce((a, b) => a + b, 0) / confidences.length,
      };
    });
    return { task: 'ner', words: texts, tags, entities };
  }

  private async answer(question: string, context: string): Promise<Prediction> {
    const maxLength = Math.min(384, this.maxLength);
    const { features, skipped } = featurizeQa([{ question, context, answers: [] }], this.tokenizer, {
      maxLength,
      docStride: Math.min(QA_DOC_STRIDE, Math.floor(maxLength / 3)),
      padding: false,
    });
    if (features.length === 0) throw new PredictInputError(skipped[0]?.reason ?? 'the question leaves no room for the context');
    const results = await predictBatch(this.model, features);
    const logits = results.map((r) => ({ start: r.outputs.start_logits as number[], end: r.outputs.end_logits as number[] }));
    const { candidates, nullScore } = rankAnswers(context, features, logits, { nBest: 20 });
    const nBest: AnswerCandidate[] = candidates.slice(0, N_BEST).map((c) => ({ text: c.text, start: c.charStart, end: c.charEnd, score: c.score }));
    const best = nBest[0];
    return { task: 'qa', answer: best && best.score >= nullScore ? best : null, n_best: nBest, null_score: nullScore };
  }
}
