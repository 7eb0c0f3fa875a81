import { describe, expect, it } from 'vitest';
import type { BertConfig } from './config';
import { estimateMemory, RUNTIME_BYTES } from './memory';

// L=1, H=4, A=2, I=8, V=10, 6 positions, 2 types; B=2, T=3.
const config: BertConfig = {
  vocab_size: 10, hidden_size: 4, num_hidden_layers: 1, num_attention_heads: 2, intermediate_size: 8,
  hidden_act: 'gelu', hidden_dropout_prob: 0.1, attention_probs_dropout_prob: 0.1,
  max_position_embeddings: 6, type_vocab_size: 2, initializer_range: 0.02, layer_norm_eps: 1e-12, pad_token_id: 0,
};

describe('estimateMemory', () => {
  it('adds the runtime, weights, gradients, AdamW moments and the activations kept for backward', () => {
    // Parameters: embeddings 10·4 + 6·4 + 2·4 + 8 = 80; layer 3·20 + 20 + 8 + (32+8) + (32+4) + 8 = 172;
    // pooler 20; classifier (2 labels) 2·4 + 2 = 10. Total 282.
    const estimate = estimateMemory(config, { batchSize: 2, seqLen: 3, headName: 'sequence-classification' });
    expect(estimate.parameters).toBe(282);
    expect(estimate.weights).toBe(282 * 4);
    expect(estimate.gradients).toBe(282 * 4);
    expect(estimate.optimizerState).toBe(2 * 282 * 4);
    // BTH = 24, BTI = 48, BATT = 36. Fused layer (native-cpu): 12·24 + 2·48 + 36 = 420.
    // Embeddings 2·24, last hidden 24, pooler 2·2·4 = 16, head 2·4 + 3·2·2 = 20. Total 528
    // floats, twice over for the buffer pool.
    expect(estimate.activations).toBe(528 * 4 * 2);
    expect(estimate.tensors).toBe(4 * 282 * 4 + 528 * 4 * 2);
    expect(estimate.total).toBe(RUNTIME_BYTES + estimate.tensors);
  });

  it('keeps one layer and every layer input with gradient checkpointing, and more where the chains are composed', () => {
    const options = { batchSize: 2, seqLen: 3, headName: 'sequence-classification' } as const;
    // Layer inputs 1·24 + one layer 420, instead of 420.
    expect(estimateMemory(config, { ...options, gradientCheckpointing: true }).activations).toBe((528 + 24) * 4 * 2);
    // Composed layer: 18·24 + 6·48 + 3·36 + dropout masks 2·24 + 36 = 912; total 1020 floats, with a quarter more for the allocator.
    expect(estimateMemory(config, { ...options, backend: 'wasm' }).activations).toBe(1020 * 4 * 1.25);
  });

  it('counts only the trainable parameters for gradients and optimizer state', () => {
    const byFraction = estimateMemory(config, { batchSize: 1, seqLen: 1, headName: 'question-answering', trainable: 0.5 });
    expect(byFraction.parameters).toBe(80 + 172 + 10);
    expect(byFraction.gradients).toBe(131 * 4);
    const byName = estimateMemory(config, { batchSize: 1, seqLen: 1, headName: 'question-answering', trainable: ['qa_outputs.weight', 'qa_outputs.bias'] });
    expect(byName.trainableParameters).toBe(10);
    expect(byName.optimizerState).toBe(80);
    expect(() => estimateMemory(config, { batchSize: 1, seqLen: 1, headName: 'question-answering', trainable: ['nope'] })).toThrow('no parameter named nope');
  });

  it('pre-training keeps the decoder activations at the masked positions only', () => {
    // B·T = 6 positions; a third masked is 2. Head: 3·M·H + 3·M·V + 3·2·B = 3·M·14 + 12,
    // in bytes, twice over on native-cpu (its buffer pool keeps a step's temporaries for the next).
    const all = estimateMemory(config, { batchSize: 2, seqLen: 3, headName: 'pretraining', backend: 'native-cpu' });
    const masked = estimateMemory(config, { batchSize: 2, seqLen: 3, headName: 'pretraining', backend: 'native-cpu', maskedShare: 1 / 3 });
    expect(all.activations - masked.activations).toBe(3 * (6 - 2) * (4 + 10) * 4 * 2);
  });
});
