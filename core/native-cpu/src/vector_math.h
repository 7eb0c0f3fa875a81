// Branch-free float math that GCC vectorises (glibc's expf/erff are scalar calls, which
// would make exp, erf and softmax the slowest loops of a BERT step).
#pragma once

#include <cmath>
#include <cstdint>
#include <cstring>

// Loops over whole tensors are compiled for AVX-512, AVX2 and baseline x86-64, and the
// loader picks by the CPU's features (GCC function multi-versioning; "arch=..." clones
// would match CPU models, and miss e.g. AMD's AVX-512 parts), so one build runs on any
// x86-64 machine at the speed of its vector units. Other architectures get the plain build.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define NATIVE_CPU_MULTIVERSION __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define NATIVE_CPU_MULTIVERSION
#endif

#define NATIVE_CPU_INLINE inline __attribute__((always_inline))

namespace native_cpu {

// e^x to about 1 ulp (Cephes expf): e^x = 2^n · e^r with |r| <= ln2/2, e^r a degree-7
// polynomial. 2^n is applied in two halves so that results near FLT_MAX and in the
// subnormal range come out as libm's do; below that it is exactly 0 (a masked attention
// score of -1e9 weighs nothing), above it +inf, and NaN stays NaN.
NATIVE_CPU_INLINE float pow2i(int32_t n) {  // 2^n for n in [-126, 127]
  const int32_t bits = (n + 127) << 23;
  float value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

NATIVE_CPU_INLINE float fast_exp(float x) {
  // Plain comparisons instead of fmin/fmax/floor: those keep GCC from vectorising.
  float clamped = x < -104.0f ? -104.0f : x;
  clamped = clamped > 88.8f ? 88.8f : clamped;
  // n = round(x / ln2): adding and subtracting 1.5 · 2^23 rounds to the nearest integer.
  const float n = (clamped * 1.44269504088896341f + 12582912.0f) - 12582912.0f;
  float r = clamped - n * 0.693359375f;
  r = r - n * -2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * r * r + r + 1.0f;
  const int32_t ni = static_cast<int32_t>(n);
  const int32_t half = ni >> 1;
  float result = p * pow2i(half) * pow2i(ni - half);
  result = x < -104.0f ? 0.0f : result;
  result = x > 88.8f ? INFINITY : result;
  return result;
}

// erf(x) by Abramowitz & Stegun 7.1.26 (|error| < 1.5e-7), the formula TF.js's cpu
// backend uses, so both backends agree to float precision.
NATIVE_CPU_INLINE float fast_erf(float x) {
  const float v = std::fabs(x);
  const float t = 1.0f / (1.0f + 0.3275911f * v);
  const float poly = ((((1.061405429f * t - 1.453152027f) * t + 1.421413741f) * t - 0.284496736f) * t + 0.254829592f) * t;
  const float y = 1.0f - poly * fast_exp(-v * v);
  return std::copysign(y, x);
}

}  // namespace native_cpu

namespace native_cpu {

// Reductions along a row as kLanes independent running values, combined at the end. One
// running sum (or maximum) is a chain of dependent operations that the compiler may not
// reorder, so it ran at one element per add latency: 2-3.5x slower over 128-float rows
// (LayerNorm, attention probabilities). Independent lanes vectorise; the order is fixed,
// so the result does not depend on the machine or the thread count.
constexpr size_t kLanes = 16;

// Σ term(j) for j in [0, n), accumulated in Acc.
template <typename Acc, typename Term>
NATIVE_CPU_INLINE Acc lane_sum(size_t n, Term term) {
  Acc lanes[kLanes] = {};
  size_t j = 0;
  for (; j + kLanes <= n; j += kLanes) {
    for (size_t l = 0; l < kLanes; ++l) lanes[l] += term(j + l);
  }
  Acc sum = 0;
  for (size_t l = 0; l < kLanes; ++l) sum += lanes[l];
  for (; j < n; ++j) sum += term(j);
  return sum;
}

// max over j in [0, n) of x[j] (-inf for an empty row). Plain comparisons: fmax would not vectorise.
NATIVE_CPU_INLINE float lane_max(const float* __restrict x, size_t n) {
  float lanes[kLanes];
  for (size_t l = 0; l < kLanes; ++l) lanes[l] = -INFINITY;
  size_t j = 0;
  for (; j + kLanes <= n; j += kLanes) {
    for (size_t l = 0; l < kLanes; ++l) lanes[l] = x[j + l] > lanes[l] ? x[j + l] : lanes[l];
  }
  float max = -INFINITY;
  for (size_t l = 0; l < kLanes; ++l) max = lanes[l] > max ? lanes[l] : max;
  for (; j < n; ++j) max = x[j] > max ? x[j] : max;
  return max;
}

}  // namespace native_cpu

namespace native_cpu {

// The dropout hash (core/model/dropout-mask.ts is its JavaScript twin): Chris Wellons'
// "lowbias32" integer permutation, applied twice with two seed-derived keys, gives 24
// uniform bits per element index.
NATIVE_CPU_INLINE uint32_t lowbias32(uint32_t x) {
  x ^= x >> 16;
  x *= 0x7feb352du;
  x ^= x >> 15;
  x *= 0x846ca68bu;
  x ^= x >> 16;
  return x;
}

struct DropoutKey {
  uint32_t a, b;
};

NATIVE_CPU_INLINE DropoutKey dropout_key(uint32_t seed) { return {lowbias32(seed), lowbias32(seed ^ 0x9e3779b9u)}; }

// Uniform in [0, 1) with 24 bits, exactly representable as a float.
NATIVE_CPU_INLINE float dropout_uniform(DropoutKey key, uint32_t index) {
  const uint32_t bits = lowbias32(lowbias32(index ^ key.a) + key.b);
  return static_cast<float>(bits >> 8) * (1.0f / 16777216.0f);
}

}  // namespace native_cpu
