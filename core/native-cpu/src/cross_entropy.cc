// Softmax cross-entropy against integer labels, the loss of every head: the mean over
// the rows whose label is not `ignore_index` of  logsumexp(logits) - logits[label],  and
// its gradient  (softmax(logits) - onehot(label)) · dloss / count  (0 on ignored rows).
// Nothing is kept between the two: the backward pass recomputes the softmax, so a
// masked-LM head's [tokens, vocab] log-probabilities never exist as a tensor.
#include <cmath>
#include <stdexcept>
#include <string>

#include "kernels.h"
#include "parallel.h"
#include "row_chunks.h"
#include "vector_math.h"

namespace native_cpu {
namespace {

NATIVE_CPU_MULTIVERSION
float row_max(const float* __restrict x, size_t cols) { return lane_max(x, cols); }

NATIVE_CPU_MULTIVERSION
float row_exp_sum(const float* __restrict x, size_t cols, float max) {
  return lane_sum<float>(cols, [&](size_t j) { return fast_exp(x[j] - max); });
}

NATIVE_CPU_MULTIVERSION
void row_grad(const float* __restrict x, float* __restrict dx, size_t cols, float max, float scale_over_sum) {
  for (size_t j = 0; j < cols; ++j) dx[j] = fast_exp(x[j] - max) * scale_over_sum;
}

}  // namespace

size_t counted_labels(const int32_t* labels, size_t rows, size_t cols, int32_t ignore_index) {
  size_t count = 0;
  for (size_t r = 0; r < rows; ++r) {
    const int32_t label = labels[r];
    if (label == ignore_index) continue;
    if (label < 0 || static_cast<size_t>(label) >= cols) {
      throw std::out_of_range("cross-entropy: label " + std::to_string(label) + " is not a class id in [0, " + std::to_string(cols - 1) + "]");
    }
    ++count;
  }
  return count;
}

float cross_entropy(const float* logits, const int32_t* labels, size_t rows, size_t cols, int32_t ignore_index) {
  const size_t count = counted_labels(labels, rows, cols, ignore_index);
  if (count == 0 || cols == 0) return 0.0f;
  const double total = rows_sum(rows, [&](size_t r) -> double {
    if (labels[r] == ignore_index) return 0.0;
    const float* x = logits + r * cols;
    const float max = row_max(x, cols);
    return static_cast<double>(std::log(row_exp_sum(x, cols, max)) + max - x[labels[r]]);
  });
  return static_cast<float>(total / static_cast<double>(count));
}

void cross_entropy_grad(const float* logits, const int32_t* labels, float dloss, float* dlogits, size_t rows, size_t cols,
                        int32_t ignore_index) {
  const size_t count = counted_labels(labels, rows, cols, ignore_index);
  const float scale = count == 0 ? 0.0f : dloss / static_cast<float>(count);
  parallel_for(rows, std::max<size_t>(1, (size_t{1} << 14) / std::max<size_t>(cols, 1)), [&](size_t begin, size_t end) {
    for (size_t r = begin; r < end; ++r) {
      float* dx = dlogits + r * cols;
      if (labels[r] == ignore_index || count == 0) {
        std::fill(dx, dx + cols, 0.0f);
        continue;
      }
      const float* x = logits + r * cols;
      const float max = row_max(x, cols);
      row_grad(x, dx, cols, max, scale / row_exp_sum(x, cols, max));
      dx[labels[r]] -= scale;
    }
  });
}

}  // namespace native_cpu
