// Attention probabilities from raw scores in one pass per row, and their gradient:
//   probs = softmax(scores / divisor + bias[b, key])      scores [B, A, Tq, Tk], bias [B, Tk]
//   dscores = probs · (dprobs - Σ_key dprobs · probs) / divisor
// (divisor = √D; bias is 0 at real keys and a large negative number at padding). As TF.js
// ops that is a division, a broadcast add and a softmax forward, and five kernels back,
// each over the [B, A, T, T] tensors that dominate a layer's memory at long sequences.
#include <cmath>

#include "kernels.h"
#include "parallel.h"
#include "vector_math.h"

namespace native_cpu {
namespace {

NATIVE_CPU_MULTIVERSION
void attention_probs_row(const float* __restrict scores, const float* __restrict bias, float* __restrict probs,
                         size_t cols, float divisor) {
  for (size_t j = 0; j < cols; ++j) probs[j] = scores[j] / divisor + bias[j];
  const float max = lane_max(probs, cols);
  for (size_t j = 0; j < cols; ++j) probs[j] = fast_exp(probs[j] - max);
  const float scale = 1.0f / lane_sum<float>(cols, [&](size_t j) { return probs[j]; });
  for (size_t j = 0; j < cols; ++j) probs[j] *= scale;
}

NATIVE_CPU_MULTIVERSION
void attention_probs_grad_row(const float* __restrict probs, const float* __restrict dprobs, float* __restrict dscores,
                              size_t cols, float divisor) {
  const float dot = lane_sum<float>(cols, [&](size_t j) { return dprobs[j] * probs[j]; });
  for (size_t j = 0; j < cols; ++j) dscores[j] = probs[j] * (dprobs[j] - dot) / divisor;
}

size_t row_grain(size_t cols) { return std::max<size_t>(1, (size_t{1} << 14) / std::max<size_t>(cols, 1)); }

}  // namespace

void attention_probs(const float* scores, const float* bias, float* probs, size_t batch, size_t rows_per_batch, size_t cols,
                     float divisor) {
  parallel_for(batch * rows_per_batch, row_grain(cols), [&](size_t begin, size_t end) {
    for (size_t r = begin; r < end; ++r) attention_probs_row(scores + r * cols, bias + (r / rows_per_batch) * cols, probs + r * cols, cols, divisor);
  });
}

void attention_probs_grad(const float* probs, const float* dprobs, float* dscores, size_t rows, size_t cols, float divisor) {
  parallel_for(rows, row_grain(cols), [&](size_t begin, size_t end) {
    for (size_t r = begin; r < end; ++r) attention_probs_grad_row(probs + r * cols, dprobs + r * cols, dscores + r * cols, cols, divisor);
  });
}

}  // namespace native_cpu
