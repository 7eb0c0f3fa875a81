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
  float max = -INFINITY;
  for (size_t j = 0; j < cols; ++j) max = x[j] > max ? x[j] : max;  // (fmax would not vectorise)
  float sum = 0.0f;
  for (size_t j = 0; j < cols; ++j) {
    out[j] = fast_exp(x[j] - max);
    sum += out[j];
  }
  const float scale = 1.0f / sum;
  for (size_t j = 0; j < cols; ++j) out[j] *= scale;
}

}  // namespace

void softmax_rows(const float* x, float* out, size_t rows, size_t cols) {
  parallel_for(rows, std::max<size_t>(1, (size_t{1} << 14) / std::max<size_t>(cols, 1)), [&](size_t begin, size_t end) {
    for (size_t row = begin; row < end; ++row) softmax_row(x + row * cols, out + row * cols, cols);
  });
}

}  // namespace native_cpu
