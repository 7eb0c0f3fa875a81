#!/usr/bin/env python3
"""Checks that an exported pre-training folder loads as Transformers' BertForPreTraining
and BertForMaskedLM would load it, without the transformers package: the state-dict
names and shapes those classes expect (modeling_bert's module tree, from config.json),
with Transformers' loading rules — the decoder weight is tied to the word embeddings and
the decoder bias to cls.predictions.bias, so a checkpoint need not store them; a
BertForMaskedLM ignores the pooler and the next-sentence head. Then it runs the masked
LM of the MaskedLM view in plain torch on the given token ids and prints, as JSON, the
problems found and the top-k tokens at each [MASK]:

  /usr/bin/python3 scripts/check_masked_lm_export.py EXPORT_DIR '[2, 17, 4, 3]' TOP_K MASK_ID
"""
import json
import sys
from pathlib import Path

import torch

sys.path.insert(0, str(Path(__file__).resolve().parent))
from pretraining_reference import BertForPreTraining, read_safetensors  # noqa: E402


def expected_keys(config, with_pretraining_heads):
    h, i, v = config["hidden_size"], config["intermediate_size"], config["vocab_size"]
    keys = {
        "bert.embeddings.word_embeddings.weight": [v, h],
        "bert.embeddings.position_embeddings.weight": [config["max_position_embeddings"], h],
        "bert.embeddings.token_type_embeddings.weight": [config["type_vocab_size"], h],
        "bert.embeddings.LayerNorm.weight": [h],
        "bert.embeddings.LayerNorm.bias": [h],
        "cls.predictions.bias": [v],
        "cls.predictions.transform.dense.weight": [h, h],
        "cls.predictions.transform.dense.bias": [h],
        "cls.predictions.transform.LayerNorm.weight": [h],
        "cls.predictions.transform.LayerNorm.bias": [h],
    }
    for n in range(config["num_hidden_layers"]):
        layer = f"bert.encoder.layer.{n}"
        for name in ("query", "key", "value"):
            keys[f"{layer}.attention.self.{name}.weight"] = [h, h]
            keys[f"{layer}.attention.self.{name}.bias"] = [h]
        keys[f"{layer}.attention.output.dense.weight"] = [h, h]
        keys[f"{layer}.attention.output.dense.bias"] = [h]
        keys[f"{layer}.attention.output.LayerNorm.weight"] = [h]
        keys[f"{layer}.attention.output.LayerNorm.bias"] = [h]
        keys[f"{layer}.intermediate.dense.weight"] = [i, h]
        keys[f"{layer}.intermediate.dense.bias"] = [i]
        keys[f"{layer}.output.dense.weight"] = [h, i]
        keys[f"{layer}.output.dense.bias"] = [h]
        keys[f"{layer}.output.LayerNorm.weight"] = [h]
        keys[f"{layer}.output.LayerNorm.bias"] = [h]
    if with_pretraining_heads:
        keys.update({"bert.pooler.dense.weight": [h, h], "bert.pooler.dense.bias": [h], "cls.seq_relationship.weight": [2, h], "cls.seq_relationship.bias": [2]})
    return keys


# Tied in BertLMPredictionHead: loaded from the word embeddings and cls.predictions.bias.
TIED = {"cls.predictions.decoder.weight", "cls.predictions.decoder.bias"}
# What BertForMaskedLM leaves unused (as with bert-base-uncased's own checkpoint).
IGNORED_BY_MASKED_LM = {"bert.pooler.dense.weight", "bert.pooler.dense.bias", "cls.seq_relationship.weight", "cls.seq_relationship.bias"}


def check(weights, config, with_pretraining_heads):
    problems = []
    expected = expected_keys(config, with_pretraining_heads)
    for name, shape in expected.items():
        if name not in weights:
            problems.append(f"missing {name}")
        elif list(weights[name].shape) != shape:
            problems.append(f"{name} has shape {list(weights[name].shape)}, expected {shape}")
    allowed = set(expected) | TIED | (set() if with_pretraining_heads else IGNORED_BY_MASKED_LM)
    problems += [f"unexpected {name}" for name in weights if name not in allowed]
    return problems, {name: weights[name] for name in expected if name in weights}


def main():
    folder = Path(sys.argv[1])
    ids = json.loads(sys.argv[2])
    top_k = int(sys.argv[3])
    mask_id = int(sys.argv[4])
    config = json.loads((folder / "config.json").read_text())
    weights = read_safetensors(folder / "model.safetensors")
    pretraining_problems, _ = check(weights, config, True)
    masked_lm_problems, masked_lm_weights = check(weights, config, False)
    result = {
        "architectures": config.get("architectures"),
        "model_type": config.get("model_type"),
        "BertForPreTraining": pretraining_problems,
        "BertForMaskedLM": masked_lm_problems,
        "ignored_by_masked_lm": sorted(set(weights) & IGNORED_BY_MASKED_LM),
    }
    if not masked_lm_problems:
        model = BertForPreTraining(masked_lm_weights, config)
        with torch.no_grad():
            input_ids = torch.tensor([ids])
            logits, _ = model(input_ids, torch.zeros_like(input_ids), torch.ones_like(input_ids))
        probabilities = logits[0].softmax(-1)
        masks = [t for t, token in enumerate(ids) if token == mask_id]
        result["masks"] = [{"position": t, "ids": probabilities[t].topk(top_k).indices.tolist(), "probabilities": probabilities[t].topk(top_k).values.tolist()} for t in masks]
    print(json.dumps(result))


if __name__ == "__main__":
    main()
