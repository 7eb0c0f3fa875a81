// Row-parallel loops that also sum per-column quantities over the rows (the weight and
// bias gradients of LayerNorm and of a bias add). The rows are cut into a fixed number of
// chunks, each with its own partial sums in double, and the partials are added in chunk
// order: the result does not depend on the thread count or on which thread ran what.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

#include "parallel.h"

namespace native_cpu {

// Chunks of rows: enough for every thread to find work, independent of the machine.
constexpr size_t kRowChunks = 32;

// row_fn(row, partials) handles one row and adds its column contributions to
// partials[s * cols + j] for each of the `sums` quantities; the totals land in outs[s][j].
template <typename RowFn>
void rows_with_column_sums(size_t rows, size_t cols, size_t sums, float* const* outs, RowFn row_fn) {
  const size_t chunks = std::max<size_t>(1, std::min(rows, kRowChunks));
  std::vector<double> partials(chunks * sums * cols, 0.0);
  parallel_for(chunks, 1, [&](size_t begin, size_t end) {
    for (size_t chunk = begin; chunk < end; ++chunk) {
      double* partial = partials.data() + chunk * sums * cols;
      for (size_t row = rows * chunk / chunks; row < rows * (chunk + 1) / chunks; ++row) row_fn(row, partial);
    }
  });
  for (size_t s = 0; s < sums; ++s) {
    for (size_t j = 0; j < cols; ++j) {
      double total = 0.0;
      for (size_t chunk = 0; chunk < chunks; ++chunk) total += partials[(chunk * sums + s) * cols + j];
      outs[s][j] = static_cast<float>(total);
    }
  }
}

// The sum over rows of row_fn(row) (a double), in the same fixed chunk order.
template <typename RowFn>
double rows_sum(size_t rows, RowFn row_fn) {
  const size_t chunks = std::max<size_t>(1, std::min(rows, kRowChunks));
  std::vector<double> partials(chunks, 0.0);
  parallel_for(chunks, 1, [&](size_t begin, size_t end) {
    for (size_t chunk = begin; chunk < end; ++chunk) {
      double sum = 0.0;
      for (size_t row = rows * chunk / chunks; row < rows * (chunk + 1) / chunks; ++row) sum += row_fn(row);
      partials[chunk] = sum;
    }
  });
  double total = 0.0;
  for (double partial : partials) total += partial;
  return total;
}

}  // namespace native_cpu
