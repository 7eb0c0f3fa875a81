#!/usr/bin/env python3
"""PyTorch reference for `bert-workbench bench`: the same BERT shape, batch, length and
AdamW step as bench/model-throughput.ts, so the suite can put the two side by side in
one run. Hugging Face's BertForSequenceClassification written out in plain torch (the
transformers package is not needed): post-LayerNorm, exact GELU, dropout 0.1, pooler,
two-label classifier, cross-entropy; AdamW (torch's single-tensor path, weight decay
0.01 except biases and LayerNorm).

Prints one JSON object per line, the keys the TypeScript bench prints. Run it with
OpenBLAS's threaded build first on the library path, as the suite does:
  LD_LIBRARY_PATH=/usr/lib/x86_64-linux-gnu/openblas-pthread python3 bench/pytorch_reference.py --preset bert-mini
"""
import argparse
import json
import math
import resource
import statistics
import sys
import time

import torch
from torch import nn

# (layers, hidden, heads), as core/model/config.ts's PRESETS; intermediate is 4 * hidden.
PRESETS = {
    "bert-tiny": (2, 128, 2),
    "bert-mini": (4, 256, 4),
    "bert-small": (4, 512, 8),
    "bert-medium": (8, 512, 8),
    "bert-base": (12, 768, 12),
    "bert-large": (24, 1024, 16),
}
VOCAB_SIZE = 30522
MAX_POSITIONS = 512
DROPOUT = 0.1
LAYER_NORM_EPS = 1e-12
NUM_LABELS = 2


class SelfAttention(nn.Module):
    def __init__(self, hidden, heads):
        super().__init__()
        self.heads = heads
        self.query = nn.Linear(hidden, hidden)
        self.key = nn.Linear(hidden, hidden)
        self.value = nn.Linear(hidden, hidden)
        self.dropout = nn.Dropout(DROPOUT)

    def forward(self, x, bias):
        b, t, h = x.shape
        d = h // self.heads

        def split(y):  # [B, T, H] -> [B, A, T, D]
            return y.view(b, t, self.heads, d).transpose(1, 2)

        q, k, v = split(self.query(x)), split(self.key(x)), split(self.value(x))
        scores = q @ k.transpose(-1, -2) / math.sqrt(d) + bias  # [B, A, T, T]
        probs = self.dropout(scores.softmax(-1))
        return (probs @ v).transpose(1, 2).reshape(b, t, h)  # [B, A, T, D] -> [B, T, H]


class ResidualOutput(nn.Module):
    def __init__(self, inner, hidden):
        super().__init__()
        self.dense = nn.Linear(inner, hidden)
        self.LayerNorm = nn.LayerNorm(hidden, eps=LAYER_NORM_EPS)
        self.dropout = nn.Dropout(DROPOUT)

    def forward(self, x, residual):
        return self.LayerNorm(self.dropout(self.dense(x)) + residual)


class Layer(nn.Module):
    def __init__(self, hidden, heads):
        super().__init__()
        self.attention = SelfAttention(hidden, heads)
        self.attention_output = ResidualOutput(hidden, hidden)
        self.intermediate = nn.Linear(hidden, 4 * hidden)
        self.output = ResidualOutput(4 * hidden, hidden)

    def forward(self, x, bias):
        attended = self.attention_output(self.attention(x, bias), x)
        return self.output(nn.functional.gelu(self.intermediate(attended)), attended)


class BertForSequenceClassification(nn.Module):
    def __init__(self, layers, hidden, heads):
        super().__init__()
        self.word_embeddings = nn.Embedding(VOCAB_SIZE, hidden)
        self.position_embeddings = nn.Embedding(MAX_POSITIONS, hidden)
        self.token_type_embeddings = nn.Embedding(2, hidden)
        self.embeddings_norm = nn.LayerNorm(hidden, eps=LAYER_NORM_EPS)
        self.dropout = nn.Dropout(DROPOUT)
        self.layers = nn.ModuleList(Layer(hidden, heads) for _ in range(layers))
        self.pooler = nn.Linear(hidden, hidden)
        self.classifier = nn.Linear(hidden, NUM_LABELS)
        for module in self.modules():  # BertPreTrainedModel._init_weights
            if isinstance(module, (nn.Linear, nn.Embedding)):
                module.weight.data.normal_(0.0, 0.02)
            if isinstance(module, nn.Linear):
                module.bias.data.zero_()

    def forward(self, input_ids, token_type_ids, attention_mask):
        t = input_ids.shape[1]
        positions = torch.arange(t, device=input_ids.device)
        x = self.word_embeddings(input_ids) + self.position_embeddings(positions) + self.token_type_embeddings(token_type_ids)
        x = self.dropout(self.embeddings_norm(x))
        bias = ((1.0 - attention_mask[:, None, None, :].float()) * -1e9)  # [B, 1, 1, T]
        for layer in self.layers:
            x = layer(x, bias)
        pooled = torch.tanh(self.pooler(x[:, 0]))
        return self.classifier(self.dropout(pooled))


def optimizer_for(model):
    decay, no_decay = [], []
    for name, parameter in model.named_parameters():
        (no_decay if name.endswith("bias") or "norm" in name.lower() else decay).append(parameter)
    groups = [{"params": decay, "weight_decay": 0.01}, {"params": no_decay, "weight_decay": 0.0}]
    return torch.optim.AdamW(groups, lr=2e-5, foreach=False)


def measure(args):
    torch.manual_seed(0)
    layers, hidden, heads = PRESETS[args.preset]
    model = BertForSequenceClassification(layers, hidden, heads)
    b, t = args.batch_size, args.seq_len
    input_ids = torch.randint(0, VOCAB_SIZE, (b, t))
    token_type_ids = torch.zeros((b, t), dtype=torch.long)
    attention_mask = torch.ones((b, t), dtype=torch.long)
    labels = torch.randint(0, NUM_LABELS, (b,))

    if args.mode == "train":
        model.train()
        optimizer = optimizer_for(model)

        def step():
            optimizer.zero_grad(set_to_none=True)
            logits = model(input_ids, token_type_ids, attention_mask)
            nn.functional.cross_entropy(logits, labels).backward()
            optimizer.step()
    else:
        model.eval()

        def step():
            with torch.inference_mode():
                model(input_ids, token_type_ids, attention_mask)

    for _ in range(args.warmup):
        step()
    times = []
    for _ in range(args.steps):
        started = time.perf_counter()
        step()
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    return {
        "name": "model",
        "preset": args.preset,
        "mode": args.mode,
        "backend": "pytorch",
        "backend_detail": f"torch {torch.__version__}, {torch.get_num_threads()} threads",
        "batch_size": b,
        "seq_len": t,
        "steps": args.steps,
        "step_ms_median": median * 1000,
        "samples_per_second": b / median,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--preset", choices=sorted(PRESETS), default="bert-mini")
    parser.add_argument("--mode", choices=["train", "infer"], default="train")
    parser.add_argument("--batch-size", type=int, default=8)
    parser.add_argument("--seq-len", type=int, default=128)
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--threads", type=int, default=None, help="intra-op threads (default: all cores)")
    args = parser.parse_args()
    # Debian's torch starts with one OpenMP thread; the TF.js side uses every core.
    torch.set_num_threads(args.threads or torch.multiprocessing.cpu_count())
    print(json.dumps(measure(args)), flush=True)


if __name__ == "__main__":
    sys.exit(main())
