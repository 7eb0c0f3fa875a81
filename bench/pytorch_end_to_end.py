#!/usr/bin/env python3
"""PyTorch side of the end-to-end row of `npm run bench` (bench/end-to-end.ts): the same
run as the app's, an equivalent PyTorch training loop. It reads the features file the
TypeScript side wrote (token ids and labels in training order, the settings), and
trains bench/pytorch_reference.py's BertForSequenceClassification (the same preset,
random initialisation, dropout 0.1) for one epoch: batches in file order, each padded to
its longest example (dynamic padding), cross-entropy, AdamW (weight decay 0.01 except
biases and LayerNorm), the linear schedule with warmup_ratio, gradient clipping to
max_grad_norm, and the loss read every step as the app's trainer does.

Prints one JSON object: wall time of the training loop and the peak RSS.
"""
import argparse
import json
import math
import os
import resource
import sys
import time

import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pytorch_reference import PRESETS, BertForSequenceClassification, optimizer_for  # noqa: E402


def batches(features, batch_size):
    for start in range(0, len(features), batch_size):
        chunk = features[start:start + batch_size]
        length = max(len(f["input_ids"]) for f in chunk)
        ids = torch.zeros((len(chunk), length), dtype=torch.long)
        mask = torch.zeros((len(chunk), length), dtype=torch.long)
        for row, feature in enumerate(chunk):
            n = len(feature["input_ids"])
            ids[row, :n] = torch.tensor(feature["input_ids"])
            mask[row, :n] = 1
        labels = torch.tensor([f["label"] for f in chunk], dtype=torch.long)
        yield ids, torch.zeros_like(ids), mask, labels


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--features", required=True)
    parser.add_argument("--threads", type=int, default=None)
    args = parser.parse_args()
    torch.set_num_threads(args.threads or torch.multiprocessing.cpu_count())
    with open(args.features) as handle:
        data = json.load(handle)
    settings = data["training"]
    torch.manual_seed(settings["seed"])
    layers, hidden, heads = PRESETS[data["preset"]]
    model = BertForSequenceClassification(layers, hidden, heads)
    model.train()
    optimizer = optimizer_for(model)
    for group in optimizer.param_groups:
        group["lr"] = settings["learning_rate"]
    prepared = list(batches(data["features"], settings["batch_size"]))
    total = len(prepared)
    warmup = math.ceil(total * settings["warmup_ratio"])

    def lr_factor(step):  # Transformers' get_linear_schedule_with_warmup
        if step < warmup:
            return step / max(1, warmup)
        return max(0.0, (total - step) / max(1, total - warmup))

    scheduler = torch.optim.lr_scheduler.LambdaLR(optimizer, lr_factor)
    started = time.perf_counter()
    for ids, types, mask, labels in prepared:
        optimizer.zero_grad(set_to_none=True)
        loss = nn.functional.cross_entropy(model(ids, types, mask), labels)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), settings["max_grad_norm"])
        optimizer.step()
        scheduler.step()
        loss.item()
    wall = time.perf_counter() - started
    print(json.dumps({
        "name": "end-to-end",
        "preset": data["preset"],
        "backend": "pytorch",
        "backend_detail": f"torch {torch.__version__}, {torch.get_num_threads()} threads",
        "examples": len(data["features"]),
        "batch_size": settings["batch_size"],
        "steps": total,
        "wall_s": wall,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }), flush=True)


if __name__ == "__main__":
    sys.exit(main())
