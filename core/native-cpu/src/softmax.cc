// Softmax over the last axis: attention probabilities ([B, A, T, T], the largest
// activations of a BERT layer at T >= H) and classifier outputs.
#include <algorithm>
#include <cmath>

#include "kernels.h"
#include "parallel.h"
#include "vector_math.h"

namespace native_cpu {
namespace {

NATIVE_CPU_MULTIVERSION
void softmax_row(const float* __restrict x, float* __restrict out, size_t cols) {
  const float max = lane_max(x, cols);
  for (size_t j = 0; j < cols; ++j) out[j] = fast_exp(x[j] - max);
  const float scale = 1.0f / lane_sum<float>(cols, [&](size_t j) { return out[j]; });
  for (size_t j = 0; j < cols; ++j) out[j] *= scale;
}

}  // namespace

void softmax_rows(const float* x, float* out, size_t rows, size_t cols) {
  parallel_for(rows, std::max<size_t>(1, (size_t{1} << 14) / std::max<size_t>(cols, 1)), [&](size_t begin, size_t end) {
    for (size_t row = begin; row < end; ++row) softmax_row(x + row * cols, out + row * cols, cols);
  });
}

}  // namespace native_cpu
