// Sum, mean, max and min over contiguous axes. LayerNorm's moments reduce the last axis;
// the gradients of broadcast adds (biases, LayerNorm weights) reduce the leading ones.
// Sums accumulate in double, as TF.js's JavaScript kernels do, so that a mean over many
// values does not drift with the summation order.
#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "kernels.h"
#include "parallel.h"
#include "vector_math.h"

namespace native_cpu {
namespace {

constexpr size_t kGrain = 1 << 14;

NATIVE_CPU_MULTIVERSION
double sum_run(const float* __restrict x, size_t n) {
  return lane_sum<double>(n, [&](size_t i) { return static_cast<double>(x[i]); });
}

float extreme_run(const float* x, size_t n, bool want_max) {
  float best = x[0];
  for (size_t i = 1; i < n; ++i) {
    const float v = x[i];
    if (std::isnan(v)) return v;
    best = want_max ? std::fmax(best, v) : std::fmin(best, v);
  }
  return best;
}

// acc[j] += row[j] (sums) or acc[j] = max/min(acc[j], row[j]).
NATIVE_CPU_MULTIVERSION
void accumulate_row(ReduceOp op, double* __restrict acc, const float* __restrict row, size_t n) {
  switch (op) {
    case ReduceOp::kSum:
    case ReduceOp::kMean:
      for (size_t j = 0; j < n; ++j) acc[j] += row[j];
      break;
    case ReduceOp::kMax:
      for (size_t j = 0; j < n; ++j) acc[j] = std::isnan(row[j]) || row[j] > acc[j] ? row[j] : acc[j];
      break;
    case ReduceOp::kMin:
      for (size_t j = 0; j < n; ++j) acc[j] = std::isnan(row[j]) || row[j] < acc[j] ? row[j] : acc[j];
      break;
  }
}

double initial_value(ReduceOp op) {
  switch (op) {
    case ReduceOp::kMax: return -std::numeric_limits<double>::infinity();
    case ReduceOp::kMin: return std::numeric_limits<double>::infinity();
    default: return 0.0;
  }
}

}  // namespace

void reduce(ReduceOp op, const float* x, float* out, size_t outer, size_t reduced, size_t inner) {
  const double scale = op == ReduceOp::kMean ? 1.0 / static_cast<double>(reduced) : 1.0;
  if (reduced == 0) {
    std::fill(out, out + outer * inner, op == ReduceOp::kMean ? NAN : static_cast<float>(initial_value(op)));
    return;
  }
  if (inner == 1) {  // each output is the reduction of one contiguous run
    parallel_for(outer, std::max<size_t>(1, kGrain / reduced), [&](size_t begin, size_t end) {
      for (size_t o = begin; o < end; ++o) {
        const float* run = x + o * reduced;
        out[o] = op == ReduceOp::kMax || op == ReduceOp::kMin ? extreme_run(run, reduced, op == ReduceOp::kMax)
                                                              : static_cast<float>(sum_run(run, reduced) * scale);
      }
    });
    return;
  }
  // Rows of `inner` values accumulate into a per-thread buffer; threads split the outer
  // axis, or the columns when there is only one outer block (a bias gradient).
  const bool split_columns = outer < 2;
  const size_t work = split_columns ? inner : outer;
  parallel_for(work, split_columns ? kGrain : std::max<size_t>(1, kGrain / (reduced * inner)), [&](size_t begin, size_t end) {
    const size_t col_begin = split_columns ? begin : 0;
    const size_t cols = split_columns ? end - begin : inner;
    std::vector<double> acc(cols);
    for (size_t o = split_columns ? 0 : begin; o < (split_columns ? outer : end); ++o) {
      std::fill(acc.begin(), acc.end(), initial_value(op));
      const float* block = x + o * reduced * inner + col_begin;
      for (size_t r = 0; r < reduced; ++r) accumulate_row(op, acc.data(), block + r * inner, cols);
      float* dst = out + o * inner + col_begin;
      for (size_t j = 0; j < cols; ++j) dst[j] = static_cast<float>(acc[j] * scale);
    }
  });
}

}  // namespace native_cpu
