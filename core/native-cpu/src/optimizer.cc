// AdamW's update in one pass over each parameter. As separate TF.js ops it is about a
// dozen element-wise kernels, each reading and writing a parameter-sized buffer: on
// BERT-Base that was 1.2 s of a training step, the embedding table (94 MB) alone 40%.
// The arithmetic and its order are core/train/adamw.ts's, so both give the same floats.
#include "kernels.h"
#include "parallel.h"
#include "vector_math.h"

#include <cmath>

namespace native_cpu {
namespace {

NATIVE_CPU_MULTIVERSION
void adamw_range(const AdamWStep& s, const float* __restrict param, const float* __restrict grad,
                 const float* __restrict m, const float* __restrict v, float* __restrict param_out,
                 float* __restrict m_out, float* __restrict v_out, size_t n) {
  const float decay = s.decay, beta1 = s.beta1, one_minus_beta1 = s.one_minus_beta1, beta2 = s.beta2,
              one_minus_beta2 = s.one_minus_beta2, bias_correction2_sqrt = s.bias_correction2_sqrt, eps = s.eps,
              step_size = s.step_size;
  for (size_t i = 0; i < n; ++i) {
    const float g = grad[i];
    const float m_next = m[i] * beta1 + g * one_minus_beta1;
    const float v_next = v[i] * beta2 + (g * g) * one_minus_beta2;
    const float denom = std::sqrt(v_next) / bias_correction2_sqrt + eps;
    param_out[i] = param[i] * decay - (m_next / denom) * step_size;
    m_out[i] = m_next;
    v_out[i] = v_next;
  }
}

}  // namespace

void adamw_update(const AdamWStep& step, const float* param, const float* grad, const float* m, const float* v,
                  float* param_out, float* m_out, float* v_out, size_t n) {
  parallel_for(n, size_t{1} << 15, [&](size_t begin, size_t end) {
    adamw_range(step, param + begin, grad + begin, m + begin, v + begin, param_out + begin, m_out + begin,
                v_out + begin, end - begin);
  });
}

}  // namespace native_cpu
