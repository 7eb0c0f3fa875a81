// Dropout with its mask drawn here, from a seed: element i is kept when a hash of
// (seed, i) is at least `rate`, so the mask needs no random-number state, no storage
// (the backward pass draws it again from the same seed), and comes out the same on any
// number of threads. core/model/dropout-mask.ts draws the same masks in JavaScript.
#include "kernels.h"
#include "parallel.h"
#include "vector_math.h"

namespace native_cpu {
namespace {

NATIVE_CPU_MULTIVERSION
void dropout_range(const float* __restrict x, float* __restrict out, size_t begin, size_t end, float rate, float scale,
                   uint32_t seed) {
  const DropoutKey key = dropout_key(seed);
  for (size_t i = begin; i < end; ++i) {
    out[i - begin] = dropout_uniform(key, static_cast<uint32_t>(i)) >= rate ? x[i - begin] * scale : 0.0f;
  }
}

}  // namespace

void dropout(const float* x, float* out, size_t n, float rate, float scale, uint32_t seed) {
  parallel_for(n, size_t{1} << 15, [&](size_t begin, size_t end) {
    dropout_range(x + begin, out + begin, begin, end, rate, scale, seed);
  });
}

}  // namespace native_cpu
