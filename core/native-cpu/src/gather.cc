// Row lookups and their gradient for the embedding tables: a copy per looked-up row,
// and the sum of the gradient rows per table row (duplicate ids add up).
#include <cstring>
#include <stdexcept>
#include <string>

#include "kernels.h"
#include "parallel.h"

namespace native_cpu {

void gather_rows(const float* table, size_t rows, size_t cols, const int32_t* indices, size_t count, float* out) {
  for (size_t i = 0; i < count; ++i) {
    if (indices[i] < 0 || static_cast<size_t>(indices[i]) >= rows) {
      throw std::out_of_range("GatherV2: the index value " + std::to_string(indices[i]) + " is not in [0, " +
                              std::to_string(rows - 1) + "]");
    }
  }
  parallel_for(count, std::max<size_t>(1, 4096 / std::max<size_t>(cols, 1)), [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) std::memcpy(out + i * cols, table + static_cast<size_t>(indices[i]) * cols, cols * sizeof(float));
  });
}

void scatter_add_rows(const int32_t* indices, size_t count, const float* updates, size_t cols, float* out, size_t rows) {
  for (size_t i = 0; i < count; ++i) {
    if (indices[i] < 0 || static_cast<size_t>(indices[i]) >= rows) {
      throw std::out_of_range("ScatterNd: index " + std::to_string(indices[i]) + " is out of bounds for " +
                              std::to_string(rows) + " rows");
    }
  }
  // Each thread owns a band of table rows, so duplicate ids never race; every thread
  // scans all indices, which is cheap next to zeroing the table.
  parallel_for(rows, 1024, [&](size_t begin, size_t end) {
    std::memset(out + begin * cols, 0, (end - begin) * cols * sizeof(float));
    for (size_t i = 0; i < count; ++i) {
      const size_t row = static_cast<size_t>(indices[i]);
      if (row < begin || row >= end) continue;
      float* dst = out + row * cols;
      const float* src = updates + i * cols;
      for (size_t j = 0; j < cols; ++j) dst[j] += src[j];
    }
  });
}

}  // namespace native_cpu
