// AdamW's update in one pass over each parameter. As separate TF.js ops it is about a
// dozen element-wise kernels, each reading and writing a parameter-sized buffer: on
// BERT-Base that was 1.2 s of a training step, the embedding table (94 MB) alone 40%.
// The arithmetic and its order are core/train/adamw.ts's, so both give the same floats.
#include "kernels.h"
#include "parallel.h"
#include "row_chunks.h"
#include "vector_math.h"

#include <algorithm>
#include <cmath>

namespace native_cpu {
namespace {

struct AdamWNext {
  float param, m, v;
};

NATIVE_CPU_INLINE AdamWNext adamw_element(const AdamWStep& s, float param, float grad, float m, float v) {
  const float g = grad * s.grad_scale;  // clipping folded in: torch multiplies .grad by the clip coefficient first
  const float m_next = m * s.beta1 + g * s.one_minus_beta1;
  const float v_next = v * s.beta2 + (g * g) * s.one_minus_beta2;
  const float denom = std::sqrt(v_next) / s.bias_correction2_sqrt + s.eps;
  return {param * s.decay - (m_next / denom) * s.step_size, m_next, v_next};
}

NATIVE_CPU_MULTIVERSION
void adamw_range(const AdamWStep& s, const float* __restrict param, const float* __restrict grad,
                 const float* __restrict m, const float* __restrict v, float* __restrict param_out,
                 float* __restrict m_out, float* __restrict v_out, size_t n) {
  const AdamWStep step = s;
  for (size_t i = 0; i < n; ++i) {
    const AdamWNext next = adamw_element(step, param[i], grad[i], m[i], v[i]);
    param_out[i] = next.param;
    m_out[i] = next.m;
    v_out[i] = next.v;
  }
}

// The same update written over the parameter and its moments (no output buffers: for
// BERT-Large that is three copies of its 125 MB embedding table fewer at the peak).
NATIVE_CPU_MULTIVERSION
void adamw_range_in_place(const AdamWStep& s, float* __restrict param, const float* __restrict grad,
                          float* __restrict m, float* __restrict v, size_t n) {
  const AdamWStep step = s;
  for (size_t i = 0; i < n; ++i) {
    const AdamWNext next = adamw_element(step, param[i], grad[i], m[i], v[i]);
    param[i] = next.param;
    m[i] = next.m;
    v[i] = next.v;
  }
}

// In lanes (vector_math.h): BERT-Base's gradient norm, 110M squares, took ~0.1 s a step as one chain.
NATIVE_CPU_MULTIVERSION
double sum_squares_run(const float* __restrict x, size_t n) {
  return lane_sum<double>(n, [&](size_t i) { return static_cast<double>(x[i]) * x[i]; });
}

}  // namespace

void adamw_update_in_place(const AdamWStep& step, float* param, const float* grad, float* m, float* v, size_t n) {
  parallel_for(n, size_t{1} << 15, [&](size_t begin, size_t end) {
    adamw_range_in_place(step, param + begin, grad + begin, m + begin, v + begin, end - begin);
  });
}

double sum_squares(const float* x, size_t n) {
  constexpr size_t kRun = size_t{1} << 16;
  const size_t runs = (n + kRun - 1) / kRun;
  return rows_sum(runs, [&](size_t r) { return sum_squares_run(x + r * kRun, std::min(kRun, n - r * kRun)); });
}

void adamw_update(const AdamWStep& step, const float* param, const float* grad, const float* m, const float* v,
                  float* param_out, float* m_out, float* v_out, size_t n) {
  parallel_for(n, size_t{1} << 15, [&](size_t begin, size_t end) {
    adamw_range(step, param + begin, grad + begin, m + begin, v + begin, param_out + begin, m_out + begin,
                v_out + begin, end - begin);
  });
}

}  // namespace native_cpu
