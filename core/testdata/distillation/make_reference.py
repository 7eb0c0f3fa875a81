"""Reference numbers for the distillation loss (core/train/distillation-loss.ts).

Run with PyTorch 1.13:  OMP_WAIT_POLICY=PASSIVE /usr/bin/python3 make_reference.py
It writes reference.json beside itself: fixed student and teacher logits per head, the
loss  alpha * CE + (1 - alpha) * T^2 * KL(softmax(teacher/T) || softmax(student/T))
as DistilBERT computes it (F.kl_div on log-probabilities, float64), and its gradient
with respect to the student's logits.
"""
import json
import os

import torch
import torch.nn.functional as F

torch.manual_seed(20)
torch.set_default_dtype(torch.float64)
IGNORE = -100


def soft_kl(student, teacher, weights, T):
    """T^2 * sum_n w_n KL_n / max(sum w, 1), KL per row over the last axis."""
    per_row = F.kl_div(F.log_softmax(student / T, -1), F.softmax(teacher / T, -1), reduction="none").sum(-1)
    return T * T * (per_row * weights).sum() / weights.sum().clamp(min=1)


def logits(*shape, scale=2.0):
    return (torch.randn(*shape) * scale).tolist()


def classification(T, alpha):
    s = torch.tensor(logits(5, 3), requires_grad=True)
    t = torch.tensor(logits(5, 3))
    labels = torch.tensor([0, 2, IGNORE, 1, 2])  # example 3 is unlabelled: no CE for it
    ce = F.cross_entropy(s, labels, ignore_index=IGNORE)
    kl = F.kl_div(F.log_softmax(s / T, -1), F.softmax(t / T, -1), reduction="batchmean") * T * T
    loss = alpha * ce + (1 - alpha) * kl
    (grad,) = torch.autograd.grad(loss, s)
    return {
        "head": "sequence-classification", "temperature": T, "alpha": alpha, "num_labels": 3,
        "student": {"logits": s.tolist()}, "teacher": {"logits": t.tolist()},
        "labels": {"labels": labels.tolist()},
        "loss": loss.item(), "ce": ce.item(), "kl": kl.item(), "grad": {"logits": grad.tolist()},
    }


def token_classification(T, alpha):
    B, L, C = 2, 6, 4
    s = torch.tensor(logits(B, L, C), requires_grad=True)
    t = torch.tensor(logits(B, L, C))
    # [CLS], continuation pieces, [SEP] and padding carry -100: no CE and no KL there.
    labels = torch.tensor([[IGNORE, 1, 0, IGNORE, 3, IGNORE], [IGNORE, 2, 2, 0, IGNORE, IGNORE]])
    attention = torch.tensor([[1, 1, 1, 1, 1, 1], [1, 1, 1, 1, 1, 0]])
    mask = (labels != IGNORE).double()
    ce = F.cross_entropy(s.reshape(-1, C), labels.reshape(-1), ignore_index=IGNORE)
    kl = soft_kl(s.reshape(-1, C), t.reshape(-1, C), mask.reshape(-1), T)
    loss = alpha * ce + (1 - alpha) * kl
    (grad,) = torch.autograd.grad(loss, s)
    return {
        "head": "token-classification", "temperature": T, "alpha": alpha, "num_labels": C,
        "attention_mask": attention.tolist(), "token_mask": mask.long().tolist(),
        "student": {"logits": s.tolist()}, "teacher": {"logits": t.tolist()},
        "labels": {"labels": labels.tolist()},
        "loss": loss.item(), "ce": ce.item(), "kl": kl.item(), "grad": {"logits": grad.tolist()},
    }


def question_answering(T, alpha):
    B, L = 3, 7
    attention = torch.tensor([[1] * 7, [1] * 5 + [0] * 2, [1] * 6 + [0]])
    real = attention.bool()
    s_start = torch.tensor(logits(B, L), requires_grad=True)
    s_end = torch.tensor(logits(B, L), requires_grad=True)
    # The teacher's logits at padding are whatever its own batch gave: masked out anyway.
    t_start, t_end = torch.tensor(logits(B, L)), torch.tensor(logits(B, L))
    start = torch.tensor([2, 0, 3])
    end = torch.tensor([4, 0, 5])
    # The head's CE, mean of start and end; unlike BertForQuestionAnswering the app leaves
    # padding out of the start/end softmax, so batch padding changes nothing.
    masked = lambda x: x.masked_fill(~real, -1e9)
    ce = (F.cross_entropy(masked(s_start), start) + F.cross_entropy(masked(s_end), end)) / 2
    ones = torch.ones(B)
    kl = (soft_kl(masked(s_start), masked(t_start), ones, T) + soft_kl(masked(s_end), masked(t_end), ones, T)) / 2
    loss = alpha * ce + (1 - alpha) * kl
    g_start, g_end = torch.autograd.grad(loss, [s_start, s_end])
    return {
        "head": "question-answering", "temperature": T, "alpha": alpha,
        "attention_mask": attention.tolist(),
        "student": {"start_logits": s_start.tolist(), "end_logits": s_end.tolist()},
        "teacher": {"start_logits": t_start.tolist(), "end_logits": t_end.tolist()},
        "labels": {"start_positions": start.tolist(), "end_positions": end.tolist()},
        "loss": loss.item(), "ce": ce.item(), "kl": kl.item(),
        "grad": {"start_logits": g_start.tolist(), "end_logits": g_end.tolist()},
    }


cases = [
    classification(2.0, 0.5),
    classification(4.0, 0.1),
    classification(1.0, 0.0),
    token_classification(2.0, 0.5),
    token_classification(3.0, 0.9),
    question_answering(2.0, 0.5),
    question_answering(1.5, 0.25),
]
out = {"generator": "make_reference.py", "torch": torch.__version__, "tolerance": 1e-5, "cases": cases}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "reference.json"), "w") as f:
    json.dump(out, f, indent=1)
print(f"wrote {len(cases)} cases")
