// LayerNorm over the last axis, forward and backward, one pass per row each. As TF.js
// ops it is moments, a subtraction, rsqrt, two broadcasts and their gradients: about a
// dozen kernels and as many [rows, cols] temporaries per LayerNorm, three per layer.
//   forward:  x̂ = (x - mean) · rstd,  rstd = 1 / sqrt(var + eps),  y = x̂ · gamma + beta
//   backward: g = dy · gamma,  dx = rstd · (g - mean(g) - x̂ · mean(g · x̂)),
//             dgamma = Σ_rows dy · x̂,  dbeta = Σ_rows dy
#include <cmath>

#include "kernels.h"
#include "parallel.h"
#include "row_chunks.h"
#include "vector_math.h"

namespace native_cpu {
namespace {

NATIVE_CPU_MULTIVERSION
void layer_norm_row(const float* __restrict x, const float* __restrict gamma, const float* __restrict beta,
                    float* __restrict y, float* mean_out, float* rstd_out, size_t cols, float eps) {
  const double sum = lane_sum<double>(cols, [&](size_t j) { return static_cast<double>(x[j]); });
  const float mean = static_cast<float>(sum / static_cast<double>(cols));
  const double squares = lane_sum<double>(cols, [&](size_t j) {
    const float centred = x[j] - mean;
    return static_cast<double>(centred * centred);
  });
  const float variance = static_cast<float>(squares / static_cast<double>(cols));
  const float rstd = 1.0f / std::sqrt(variance + eps);
  for (size_t j = 0; j < cols; ++j) y[j] = (x[j] - mean) * rstd * gamma[j] + beta[j];
  *mean_out = mean;
  *rstd_out = rstd;
}

NATIVE_CPU_MULTIVERSION
void layer_norm_grad_row(const float* __restrict dy, const float* __restrict x, float mean, float rstd,
                         const float* __restrict gamma, float* __restrict dx, double* __restrict dgamma,
                         double* __restrict dbeta, size_t cols) {
  // Σ g and Σ g · x̂ in lanes (vector_math.h), in the same pass as the column sums.
  float g_lanes[kLanes] = {}, gx_lanes[kLanes] = {};
  auto column = [&](size_t j, size_t lane) {
    const float xhat = (x[j] - mean) * rstd;
    const float g = dy[j] * gamma[j];
    g_lanes[lane] += g;
    gx_lanes[lane] += g * xhat;
    dgamma[j] += dy[j] * xhat;
    dbeta[j] += dy[j];
  };
  size_t j = 0;
  for (; j + kLanes <= cols; j += kLanes) {
    for (size_t l = 0; l < kLanes; ++l) column(j + l, l);
  }
  for (; j < cols; ++j) column(j, 0);
  float g_sum = 0.0f, gx_sum = 0.0f;
  for (size_t l = 0; l < kLanes; ++l) {
    g_sum += g_lanes[l];
    gx_sum += gx_lanes[l];
  }
  const float g_mean = g_sum / static_cast<float>(cols);
  const float gx_mean = gx_sum / static_cast<float>(cols);
  for (size_t j = 0; j < cols; ++j) {
    const float xhat = (x[j] - mean) * rstd;
    dx[j] = rstd * (dy[j] * gamma[j] - g_mean - xhat * gx_mean);
  }
}

}  // namespace

void layer_norm(const float* x, const float* gamma, const float* beta, float* y, float* mean, float* rstd, size_t rows,
                size_t cols, float eps) {
  parallel_for(rows, std::max<size_t>(1, (size_t{1} << 14) / std::max<size_t>(cols, 1)), [&](size_t begin, size_t end) {
    for (size_t r = begin; r < end; ++r) layer_norm_row(x + r * cols, gamma, beta, y + r * cols, mean + r, rstd + r, cols, eps);
  });
}

void layer_norm_grad(const float* dy, const float* x, const float* mean, const float* rstd, const float* gamma, float* dx,
                     float* dgamma, float* dbeta, size_t rows, size_t cols) {
  float* outs[] = {dgamma, dbeta};
  rows_with_column_sums(rows, cols, 2, outs, [&](size_t r, double* partials) {
    layer_norm_grad_row(dy + r * cols, x + r * cols, mean[r], rstd[r], gamma, dx + r * cols, partials, partials + cols, cols);
  });
}

}  // namespace native_cpu
