import { describe, expect, it } from 'vitest';
import { countEncoderLayers, layerwiseLrScale, parameterPart, planParameters, usesWeightDecay } from './parameter-groups';
import reference from '../testdata/bert-reference/train-sequence-classification.json';

const LAYER_PARAMS = [
  'attention.self.query.weight',
  'attention.self.query.bias',
  'attention.output.dense.weight',
  'attention.output.LayerNorm.weight',
  'attention.output.LayerNorm.bias',
  'output.dense.weight',
];

/** A BertForSequenceClassification's parameter names (a subset of each layer suffices). */
function classifierNames(layers: number): string[] {
  return [
    'bert.embeddings.word_embeddings.weight',
    'bert.embeddings.position_embeddings.weight',
    'bert.embeddings.token_type_embeddings.weight',
    'bert.embeddings.LayerNorm.weight',
    'bert.embeddings.LayerNorm.bias',
    ...Array.from({ length: layers }, (_, i) => LAYER_PARAMS.map((p) => `bert.encoder.layer.${i}.${p}`)).flat(),
    'bert.pooler.dense.weight',
    'bert.pooler.dense.bias',
    'classifier.weight',
    'classifier.bias',
  ];
}

const NOTHING_FROZEN = { freeze_embeddings: false, freeze_layers: 0, frozen_layers: [], train_head_only: false, layerwise_lr_decay: 1 };

describe('parameter groups', () => {
  it('freezes what the reference run froze', () => {
    const names = classifierNames(2);
    const plan = planParameters(names, { ...NOTHING_FROZEN, freeze_embeddings: true, freeze_layers: reference.spec.freeze_layers });
    const referenceFrozen = new Set(reference.frozen);
    expect(plan.frozen).toEqual(names.filter((name) => referenceFrozen.has(name)));
    expect(plan.frozen.some((name) => name.startsWith('bert.encoder.layer.1.'))).toBe(false);
    expect([...plan.trainable.keys()]).toEqual(names.filter((name) => !referenceFrozen.has(name)));
  });

  it('freezes explicit layers on top of the first k', () => {
    const plan = planParameters(classifierNames(4), { ...NOTHING_FROZEN, freeze_layers: 1, frozen_layers: [3] });
    const frozenLayers = new Set(plan.frozen.map((name) => parameterPart(name)).map((p) => (p.part === 'layer' ? p.index : -1)));
    expect([...frozenLayers]).toEqual([0, 3]);
  });

  it('train_head_only freezes all of bert.*, the pooler included', () => {
    const plan = planParameters(classifierNames(2), { ...NOTHING_FROZEN, train_head_only: true });
    expect([...plan.trainable.keys()]).toEqual(['classifier.weight', 'classifier.bias']);
  });

  it('keeps the pooler and heads trainable otherwise', () => {
    const plan = planParameters([...classifierNames(2), 'qa_outputs.weight', 'cls.predictions.bias'], {
      ...NOTHING_FROZEN,
      freeze_embeddings: true,
      freeze_layers: 2,
    });
    expect([...plan.trainable.keys()]).toEqual([
      'bert.pooler.dense.weight',
      'bert.pooler.dense.bias',
      'classifier.weight',
      'classifier.bias',
      'qa_outputs.weight',
      'cls.predictions.bias',
    ]);
  });

  it('decays weights but not biases or LayerNorm (legacy gamma/beta too)', () => {
    const decayed = ['bert.encoder.layer.0.attention.self.query.weight', 'bert.embeddings.word_embeddings.weight', 'classifier.weight'];
    const notDecayed = [
      'bert.encoder.layer.0.attention.self.query.bias',
      'cls.predictions.bias',
      'bert.embeddings.LayerNorm.weight',
      'bert.encoder.layer.1.output.LayerNorm.gamma',
      'bert.encoder.layer.1.output.LayerNorm.beta',
      'cls.predictions.transform.LayerNorm.weight',
    ];
    expect(decayed.filter(usesWeightDecay)).toEqual(decayed);
    expect(notDecayed.filter(usesWeightDecay)).toEqual([]);
  });

  it('scales learning rates layer-wise: head 1, layer i decay^(L-i), embeddings decay^(L+1)', () => {
    expect(layerwiseLrScale('classifier.weight', 2, 0.5)).toBe(1);
    expect(layerwiseLrScale('bert.pooler.dense.weight', 2, 0.5)).toBe(1);
    expect(layerwiseLrScale('bert.encoder.layer.1.output.dense.weight', 2, 0.5)).toBe(0.5);
    expect(layerwiseLrScale('bert.encoder.layer.0.output.dense.weight', 2, 0.5)).toBe(0.25);
    expect(layerwiseLrScale('bert.embeddings.word_embeddings.weight', 2, 0.5)).toBe(0.125);
    const plan = planParameters(classifierNames(2), { ...NOTHING_FROZEN, layerwise_lr_decay: 0.5 });
    expect(plan.trainable.get('bert.embeddings.LayerNorm.bias')).toEqual({ lrScale: 0.125, weightDecay: false });
    expect(plan.trainable.get('bert.encoder.layer.0.output.dense.weight')).toEqual({ lrScale: 0.25, weightDecay: true });
  });

  it('reads the encoder depth from the names, bare BertModel names too', () => {
    expect(countEncoderLayers(classifierNames(3))).toBe(3);
    expect(parameterPart('encoder.layer.11.output.dense.weight')).toEqual({ part: 'layer', index: 11 });
    expect(parameterPart('embeddings.word_embeddings.weight')).toEqual({ part: 'embeddings' });
    expect(parameterPart('cls.seq_relationship.weight')).toEqual({ part: 'head' });
  });

  it('refuses to freeze layers the model does not have', () => {
    expect(() => planParameters(classifierNames(2), { ...NOTHING_FROZEN, freeze_layers: 3 })).toThrow(
      'training.freeze_layers is 3 but the model has 2 encoder layers',
    );
    expect(() => planParameters(classifierNames(2), { ...NOTHING_FROZEN, frozen_layers: [1, 2] })).toThrow('training.frozen_layers has 2');
  });
});
