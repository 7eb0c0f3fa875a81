// The feed-forward block's bias add and exact GELU in one pass, forward and backward:
//   z = x + bias,  y = z/2 · (1 + erf(z/√2))
//   dz = dy · (Φ(z) + z · φ(z)),  Φ(z) = (1 + erf(z/√2)) / 2,  φ(z) = exp(-z²/2) / √(2π)
//   dbias = Σ_rows dz
// Composed from TF.js ops it is five kernels forward and about ten backward, each over
// the largest activation of a layer ([B·T, intermediate_size]).
#include <cmath>

#include "kernels.h"
#include "parallel.h"
#include "row_chunks.h"
#include "vector_math.h"

namespace native_cpu {
namespace {

constexpr float kSqrtHalf = 0.70710678118654752f;
constexpr float kInvSqrt2Pi = 0.39894228040143268f;

NATIVE_CPU_MULTIVERSION
void bias_gelu_row(const float* __restrict x, const float* __restrict bias, float* __restrict y, size_t cols) {
  for (size_t j = 0; j < cols; ++j) {
    const float z = x[j] + bias[j];
    y[j] = (z * 0.5f) * (1.0f + fast_erf(z * kSqrtHalf));
  }
}

NATIVE_CPU_MULTIVERSION
void bias_gelu_grad_row(const float* __restrict dy, const float* __restrict x, const float* __restrict bias,
                        float* __restrict dz, double* __restrict dbias, size_t cols) {
  for (size_t j = 0; j < cols; ++j) {
    const float z = x[j] + bias[j];
    const float cdf = 0.5f * (1.0f + fast_erf(z * kSqrtHalf));
    const float pdf = kInvSqrt2Pi * fast_exp(-0.5f * z * z);
    const float g = dy[j] * (cdf + z * pdf);
    dz[j] = g;
    dbias[j] += g;
  }
}

}  // namespace

void bias_gelu(const float* x, const float* bias, float* y, size_t rows, size_t cols) {
  parallel_for(rows, std::max<size_t>(1, (size_t{1} << 14) / std::max<size_t>(cols, 1)), [&](size_t begin, size_t end) {
    for (size_t r = begin; r < end; ++r) bias_gelu_row(x + r * cols, bias, y + r * cols, cols);
  });
}

void bias_gelu_grad(const float* dy, const float* x, const float* bias, float* dx, float* dbias, size_t rows, size_t cols) {
  float* outs[] = {dbias};
  rows_with_column_sums(rows, cols, 1, outs, [&](size_t r, double* partial) {
    bias_gelu_grad_row(dy + r * cols, x + r * cols, bias, dx + r * cols, partial, cols);
  });
}

}  // namespace native_cpu
