#!/usr/bin/env python3
"""PyTorch reference for pre-training (masked LM + next-sentence prediction).

Replays the batches the app's pre-training run fed its model (written by
scripts/pretraining-reference-batches.ts) on the reference BertForPreTraining checkpoint,
with Hugging Face's BertForPreTraining written out in plain torch (transformers is not
needed): post-LayerNorm encoder, exact GELU, pooler, cls.predictions (transform + decoder
tied to the word embeddings + bias) over every position, cls.seq_relationship, and the
loss CrossEntropy(MLM, ignore -100) + CrossEntropy(NSP); torch.optim.AdamW (weight decay
on all but biases and LayerNorm), LambdaLR with the linear warmup/decay formula,
clip_grad_norm_. Writes core/testdata/bert-reference/train-pretraining.json:

  OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 scripts/pretraining_reference.py /tmp/batches.json
"""
import json
import math
import struct
import sys
from pathlib import Path

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

ROOT = Path(__file__).resolve().parent.parent
CHECKPOINT = ROOT / "core" / "testdata" / "bert-reference" / "checkpoints" / "pretraining"
OUT = ROOT / "core" / "testdata" / "bert-reference" / "train-pretraining.json"


def read_safetensors(path):
    data = path.read_bytes()
    (header_len,) = struct.unpack("<Q", data[:8])
    header = json.loads(data[8 : 8 + header_len])
    tensors = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        assert info["dtype"] == "F32", info["dtype"]
        start, end = info["data_offsets"]
        array = np.frombuffer(data[8 + header_len + start : 8 + header_len + end], dtype="<f4").reshape(info["shape"])
        tensors[name] = torch.tensor(array.copy())
    return tensors


class BertForPreTraining(nn.Module):
    """Parameters under Hugging Face's state-dict names, so the checkpoint loads by name."""

    def __init__(self, weights, config):
        super().__init__()
        self.config = config
        self.params = nn.ParameterDict({name.replace(".", "__"): nn.Parameter(t.clone()) for name, t in weights.items()})

    def p(self, name):
        return self.params[name.replace(".", "__")]

    def dense(self, prefix, x):
        return F.linear(x, self.p(prefix + ".weight"), self.p(prefix + ".bias"))

    def norm(self, prefix, x):
        h = x.shape[-1]
        return F.layer_norm(x, (h,), self.p(prefix + ".weight"), self.p(prefix + ".bias"), self.config["layer_norm_eps"])

    def forward(self, input_ids, token_type_ids, attention_mask):
        c = self.config
        b, t = input_ids.shape
        heads = c["num_attention_heads"]
        d = c["hidden_size"] // heads
        e = "bert.embeddings"
        x = F.embedding(input_ids, self.p(e + ".word_embeddings.weight")) + self.p(e + ".position_embeddings.weight")[:t] + F.embedding(token_type_ids, self.p(e + ".token_type_embeddings.weight"))
        x = self.norm(e + ".LayerNorm", x)
        bias = (1.0 - attention_mask[:, None, None, :].float()) * -1e9  # [B, 1, 1, T]
        for i in range(c["num_hidden_layers"]):
            layer = f"bert.encoder.layer.{i}"

            def split(y):  # [B, T, H] -> [B, A, T, D]
                return y.view(b, t, heads, d).transpose(1, 2)

            q, k, v = (split(self.dense(f"{layer}.attention.self.{n}", x)) for n in ("query", "key", "value"))
            probs = (q @ k.transpose(-1, -2) / math.sqrt(d) + bias).softmax(-1)
            context = (probs @ v).transpose(1, 2).reshape(b, t, c["hidden_size"])
            attended = self.norm(f"{layer}.attention.output.LayerNorm", self.dense(f"{layer}.attention.output.dense", context) + x)
            inner = F.gelu(self.dense(f"{layer}.intermediate.dense", attended))
            x = self.norm(f"{layer}.output.LayerNorm", self.dense(f"{layer}.output.dense", inner) + attended)
        transformed = self.norm("cls.predictions.transform.LayerNorm", F.gelu(self.dense("cls.predictions.transform.dense", x)))
        prediction_logits = F.linear(transformed, self.p("bert.embeddings.word_embeddings.weight"), self.p("cls.predictions.bias"))
        if "bert__pooler__dense__weight" not in self.params:  # BertForMaskedLM: no pooler, no NSP head
            return prediction_logits, None
        pooled = torch.tanh(self.dense("bert.pooler.dense", x[:, 0]))
        return prediction_logits, self.dense("cls.seq_relationship", pooled)


def main():
    batches_file = Path(sys.argv[1])
    recorded = json.loads(batches_file.read_text())
    spec = recorded["config"]["training"]
    config = json.loads((CHECKPOINT / "config.json").read_text())
    torch.manual_seed(0)
    model = BertForPreTraining(read_safetensors(CHECKPOINT / "model.safetensors"), config)
    decay = [p for n, p in model.params.items() if not (n.endswith("bias") or "LayerNorm" in n)]
    no_decay = [p for n, p in model.params.items() if n.endswith("bias") or "LayerNorm" in n]
    optimizer = torch.optim.AdamW([{"params": decay, "weight_decay": 0.01}, {"params": no_decay, "weight_decay": 0.0}], lr=spec["learning_rate"], foreach=False)
    total, warmup = spec["max_steps"], spec["warmup_steps"]
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda t: t / warmup if t < warmup else max(0.0, (total - t) / (total - warmup)))
    steps = []
    for index, batch in enumerate(recorded["batches"]):
        tensor = lambda key: torch.tensor(batch[key], dtype=torch.long)
        prediction_logits, nsp_logits = model(tensor("input_ids"), tensor("token_type_ids"), tensor("attention_mask"))
        vocab = prediction_logits.shape[-1]
        mlm = F.cross_entropy(prediction_logits.reshape(-1, vocab), tensor("labels").reshape(-1), ignore_index=-100)
        nsp = F.cross_entropy(nsp_logits, tensor("next_sentence_label"))
        loss = mlm + nsp
        optimizer.zero_grad()
        loss.backward()
        lr = optimizer.param_groups[0]["lr"]
        grad_norm = torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        optimizer.step()
        schedule.step()
        steps.append({"step": index + 1, "loss": loss.item(), "mlm_loss": mlm.item(), "nsp_loss": nsp.item(), "learning_rate": lr, "grad_norm": grad_norm.item()})
    out = {
        "description": "A pre-training run (masked LM + next-sentence prediction) from checkpoints/pretraining on the app's own batches, replayed in PyTorch by scripts/pretraining_reference.py. Per step: the loss before that step's update, the learning rate it used and the pre-clip gradient norm.",
        "config": recorded["config"],
        "corpus_note": "the corpus is REFERENCE_CORPUS in electron/runs/testing-pretraining-reference.ts",
        "batches": recorded["batches"],
        "steps": steps,
        "tolerance": {"loss_relative": 1e-4},
    }
    OUT.write_text(json.dumps(out) + "\n")
    for s in steps:
        print(s)


if __name__ == "__main__":
    main()
