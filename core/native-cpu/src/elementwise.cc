// Unary math and broadcasting binary arithmetic: the many small ops between BERT's
// matrix products (bias adds, residuals, LayerNorm, GELU, dropout masks, AdamW).
#include <algorithm>
#include <cmath>

#include "kernels.h"
#include "parallel.h"
#include "vector_math.h"

namespace native_cpu {
namespace {

// Items per thread below which splitting a loop across cores costs more than it saves.
constexpr size_t kGrain = 1 << 16;

template <UnaryOp op>
NATIVE_CPU_INLINE float apply_unary(float x) {
  if constexpr (op == UnaryOp::kExp) return fast_exp(x);
  if constexpr (op == UnaryOp::kErf) return fast_erf(x);
  if constexpr (op == UnaryOp::kSqrt) return std::sqrt(x);
  if constexpr (op == UnaryOp::kRsqrt) return 1.0f / std::sqrt(x);
  if constexpr (op == UnaryOp::kSquare) return x * x;
  if constexpr (op == UnaryOp::kNeg) return -x;
  if constexpr (op == UnaryOp::kTanh) return std::tanh(x);
  if constexpr (op == UnaryOp::kLog) return std::log(x);
  if constexpr (op == UnaryOp::kFloor) return std::floor(x);
  if constexpr (op == UnaryOp::kAbs) return std::fabs(x);
  if constexpr (op == UnaryOp::kReciprocal) return 1.0f / x;
  if constexpr (op == UnaryOp::kSigmoid) return 1.0f / (1.0f + fast_exp(-x));
  if constexpr (op == UnaryOp::kRelu) return x > 0.0f ? x : 0.0f;
  return x;
}

template <UnaryOp op>
NATIVE_CPU_INLINE void unary_loop(const float* __restrict x, float* __restrict out, size_t n) {
  for (size_t i = 0; i < n; ++i) out[i] = apply_unary<op>(x[i]);
}

NATIVE_CPU_MULTIVERSION
void unary_range(UnaryOp op, const float* x, float* out, size_t n) {
  switch (op) {
    case UnaryOp::kExp: return unary_loop<UnaryOp::kExp>(x, out, n);
    case UnaryOp::kErf: return unary_loop<UnaryOp::kErf>(x, out, n);
    case UnaryOp::kSqrt: return unary_loop<UnaryOp::kSqrt>(x, out, n);
    case UnaryOp::kRsqrt: return unary_loop<UnaryOp::kRsqrt>(x, out, n);
    case UnaryOp::kSquare: return unary_loop<UnaryOp::kSquare>(x, out, n);
    case UnaryOp::kNeg: return unary_loop<UnaryOp::kNeg>(x, out, n);
    case UnaryOp::kTanh: return unary_loop<UnaryOp::kTanh>(x, out, n);
    case UnaryOp::kLog: return unary_loop<UnaryOp::kLog>(x, out, n);
    case UnaryOp::kFloor: return unary_loop<UnaryOp::kFloor>(x, out, n);
    case UnaryOp::kAbs: return unary_loop<UnaryOp::kAbs>(x, out, n);
    case UnaryOp::kReciprocal: return unary_loop<UnaryOp::kReciprocal>(x, out, n);
    case UnaryOp::kSigmoid: return unary_loop<UnaryOp::kSigmoid>(x, out, n);
    case UnaryOp::kRelu: return unary_loop<UnaryOp::kRelu>(x, out, n);
  }
}

template <BinaryOp op>
NATIVE_CPU_INLINE float apply_binary(float a, float b) {
  if constexpr (op == BinaryOp::kAdd) return a + b;
  if constexpr (op == BinaryOp::kSub) return a - b;
  if constexpr (op == BinaryOp::kMul) return a * b;
  if constexpr (op == BinaryOp::kDiv) return a / b;
  if constexpr (op == BinaryOp::kSquaredDifference) return (a - b) * (a - b);
  if constexpr (op == BinaryOp::kMaximum) return std::isnan(a) || a > b ? a : b;  // NaN wins, as in TF.js
  if constexpr (op == BinaryOp::kMinimum) return std::isnan(a) || a < b ? a : b;
  if constexpr (op == BinaryOp::kPow) return std::pow(a, b);
  return a;
}

// One contiguous run of the output; each input either walks with it (stride 1) or
// repeats one value (stride 0). The three common cases get loops GCC can vectorise.
template <BinaryOp op>
NATIVE_CPU_INLINE void binary_loop(const float* __restrict a, int64_t a_stride, const float* __restrict b,
                                   int64_t b_stride, float* __restrict out, size_t n) {
  if (a_stride == 1 && b_stride == 1) {
    for (size_t i = 0; i < n; ++i) out[i] = apply_binary<op>(a[i], b[i]);
  } else if (a_stride == 1 && b_stride == 0) {
    const float bv = *b;
    for (size_t i = 0; i < n; ++i) out[i] = apply_binary<op>(a[i], bv);
  } else if (a_stride == 0 && b_stride == 1) {
    const float av = *a;
    for (size_t i = 0; i < n; ++i) out[i] = apply_binary<op>(av, b[i]);
  } else {
    for (size_t i = 0; i < n; ++i) out[i] = apply_binary<op>(a[i * a_stride], b[i * b_stride]);
  }
}

NATIVE_CPU_MULTIVERSION
void binary_run(BinaryOp op, const float* a, int64_t a_stride, const float* b, int64_t b_stride, float* out, size_t n) {
  switch (op) {
    case BinaryOp::kAdd: return binary_loop<BinaryOp::kAdd>(a, a_stride, b, b_stride, out, n);
    case BinaryOp::kSub: return binary_loop<BinaryOp::kSub>(a, a_stride, b, b_stride, out, n);
    case BinaryOp::kMul: return binary_loop<BinaryOp::kMul>(a, a_stride, b, b_stride, out, n);
    case BinaryOp::kDiv: return binary_loop<BinaryOp::kDiv>(a, a_stride, b, b_stride, out, n);
    case BinaryOp::kSquaredDifference: return binary_loop<BinaryOp::kSquaredDifference>(a, a_stride, b, b_stride, out, n);
    case BinaryOp::kMaximum: return binary_loop<BinaryOp::kMaximum>(a, a_stride, b, b_stride, out, n);
    case BinaryOp::kMinimum: return binary_loop<BinaryOp::kMinimum>(a, a_stride, b, b_stride, out, n);
    case BinaryOp::kPow: return binary_loop<BinaryOp::kPow>(a, a_stride, b, b_stride, out, n);
  }
}

// Broadcasting as strided iteration: size-1 axes are dropped, and neighbouring axes that
// both inputs step through in the same way are merged, so [B, A, T, T] + [B, 1, 1, T]
// becomes [B, A·T, T] and a same-shape add becomes one flat loop.
struct Iteration {
  Shape shape, a_strides, b_strides;
};

Iteration collapse(const Shape& shape, const Shape& a_strides, const Shape& b_strides) {
  Iteration it;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == 1) continue;
    if (!it.shape.empty()) {
      const int64_t inner = it.shape.back();
      if (it.a_strides.back() == a_strides[i] * shape[i] && it.b_strides.back() == b_strides[i] * shape[i]) {
        it.shape.back() = inner * shape[i];
        it.a_strides.back() = a_strides[i];
        it.b_strides.back() = b_strides[i];
        continue;
      }
    }
    it.shape.push_back(shape[i]);
    it.a_strides.push_back(a_strides[i]);
    it.b_strides.push_back(b_strides[i]);
  }
  if (it.shape.empty()) it = {{1}, {0}, {0}};
  return it;
}

}  // namespace

void unary(UnaryOp op, const float* x, float* out, size_t size) {
  parallel_for(size, kGrain, [&](size_t begin, size_t end) { unary_range(op, x + begin, out + begin, end - begin); });
}

void binary(BinaryOp op, const float* a, const Shape& a_strides, const float* b, const Shape& b_strides, float* out,
            const Shape& out_shape) {
  const Iteration it = collapse(out_shape, a_strides, b_strides);
  const size_t rank = it.shape.size();
  const size_t inner = static_cast<size_t>(it.shape.back());
  const int64_t a_inner = it.a_strides.back();
  const int64_t b_inner = it.b_strides.back();
  size_t rows = 1;
  for (size_t i = 0; i + 1 < rank; ++i) rows *= static_cast<size_t>(it.shape[i]);

  if (rows == 1) {  // one flat run: split it between the threads
    parallel_for(inner, kGrain, [&](size_t begin, size_t end) {
      binary_run(op, a + begin * a_inner, a_inner, b + begin * b_inner, b_inner, out + begin, end - begin);
    });
    return;
  }
  parallel_for(rows, std::max<size_t>(1, kGrain / inner), [&](size_t begin, size_t end) {
    for (size_t row = begin; row < end; ++row) {
      // The input offsets of this row: its multi-index over the outer axes times the strides.
      int64_t a_offset = 0, b_offset = 0;
      size_t rest = row;
      for (size_t axis = rank - 1; axis-- > 0;) {
        const int64_t index = static_cast<int64_t>(rest % static_cast<size_t>(it.shape[axis]));
        rest /= static_cast<size_t>(it.shape[axis]);
        a_offset += index * it.a_strides[axis];
        b_offset += index * it.b_strides[axis];
      }
      binary_run(op, a + a_offset, a_inner, b + b_offset, b_inner, out + row * inner, inner);
    }
  });
}

}  // namespace native_cpu
