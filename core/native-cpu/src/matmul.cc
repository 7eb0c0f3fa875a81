// Batched matrix products on OpenBLAS's SGEMM, in every transpose combination and with
// broadcast batch dimensions (TF.js's BatchMatMul semantics).
//
// OpenBLAS runs single-threaded here and the products are split across the addon's own
// pool (parallel.h) instead. With OpenBLAS's threads as well, two pools would share two
// cores: its workers spin for a while after each GEMM, exactly when the element-wise
// kernel that follows wants the second core, and every such kernel ran at half speed.
#include <cblas.h>

#include <algorithm>

#include "kernels.h"
#include "parallel.h"

namespace native_cpu {
namespace {

// A product smaller than this many multiply-adds is not worth splitting: each part would
// be too thin for SGEMM's blocking to pay off.
constexpr int64_t kSplitMacs = int64_t{1} << 18;

// One product; lda, ldb and ldc are the row strides of A, B and out as stored (packed
// matrices have their column counts; a head's slice of [B, T, heads · D] has heads · D).
// `bias`, when not null, is added to every row: the rows start as the bias and SGEMM adds
// the product to them (beta = 1), instead of a separate pass over the output.
struct Product {
  const float* a;
  const float* b;
  float* out;
  int64_t m, n, k;
  bool transpose_a, transpose_b;
  int64_t lda, ldb, ldc;
  const float* bias = nullptr;
};

Product packed(const float* a, const float* b, float* out, int64_t m, int64_t n, int64_t k, bool transpose_a,
               bool transpose_b, const float* bias) {
  return {a, b, out, m, n, k, transpose_a, transpose_b, transpose_a ? m : k, transpose_b ? k : n, n, bias};
}

// out[rows, cols] of one product: op(A) rows [row0, row1) times op(B) columns [col0, col1).
void gemm_block(const Product& p, int64_t row0, int64_t row1, int64_t col0, int64_t col1) {
  if (row0 >= row1 || col0 >= col1) return;
  const float* a = p.transpose_a ? p.a + row0 : p.a + row0 * p.lda;   // A is [k, m] or [m, k]
  const float* b = p.transpose_b ? p.b + col0 * p.ldb : p.b + col0;   // B is [n, k] or [k, n]
  if (p.bias != nullptr) {
    for (int64_t row = row0; row < row1; ++row) std::copy(p.bias + col0, p.bias + col1, p.out + row * p.ldc + col0);
  }
  cblas_sgemm(CblasRowMajor, p.transpose_a ? CblasTrans : CblasNoTrans, p.transpose_b ? CblasTrans : CblasNoTrans,
              static_cast<blasint>(row1 - row0), static_cast<blasint>(col1 - col0), static_cast<blasint>(p.k), 1.0f, a,
              static_cast<blasint>(p.lda), b, static_cast<blasint>(p.ldb), p.bias != nullptr ? 1.0f : 0.0f,
              p.out + row0 * p.ldc + col0, static_cast<blasint>(p.ldc));
}

// Part `part` of `parts` of one product, split along its longer output side in
// multiples of 16 (whole SIMD rows for SGEMM's micro-kernels).
void gemm_part(const Product& p, size_t part, size_t parts) {
  const bool by_rows = p.m >= p.n;
  const int64_t extent = by_rows ? p.m : p.n;
  const int64_t step = (extent / static_cast<int64_t>(parts) + 15) / 16 * 16;
  const int64_t begin = std::min(extent, step * static_cast<int64_t>(part));
  const int64_t end = part + 1 == parts ? extent : std::min(extent, begin + step);
  if (by_rows) {
    gemm_block(p, begin, end, 0, p.n);
  } else {
    gemm_block(p, 0, p.m, begin, end);
  }
}

// Runs `count` products of m·n·k multiply-adds each (product(i) describes the i-th) on
// the pool: each is a work item, cut into one part per thread when there are fewer
// products than threads and they are big enough to share.
template <typename ProductFn>
void run_products(size_t count, int64_t macs, ProductFn product) {
  const size_t threads = static_cast<size_t>(pool_threads());
  const size_t parts = count < threads && macs >= kSplitMacs ? threads : 1;
  parallel_for(count * parts, 1, [&](size_t begin, size_t end) {
    for (size_t item = begin; item < end; ++item) gemm_part(product(item / parts), item % parts, parts);
  });
}

bool is_identity(const int32_t* indices, size_t count) {
  for (size_t i = 0; i < count; ++i) {
    if (indices[i] != static_cast<int32_t>(i)) return false;
  }
  return true;
}

bool all_equal(const int32_t* indices, size_t count) {
  return std::all_of(indices, indices + count, [&](int32_t v) { return v == indices[0]; });
}

// Runs once when the addon loads.
const bool kBlasSingleThreaded = [] {
  openblas_set_num_threads(1);
  return true;
}();

}  // namespace

void batch_matmul(const float* a, const float* b, float* out, int64_t m, int64_t n, int64_t k, bool transpose_a,
                  bool transpose_b, const int32_t* a_batch, const int32_t* b_batch, size_t batch, const float* bias) {
  (void)kBlasSingleThreaded;
  const size_t a_size = static_cast<size_t>(m * k);
  const size_t b_size = static_cast<size_t>(k * n);
  const size_t out_size = static_cast<size_t>(m * n);
  if (m == 0 || n == 0 || batch == 0) return;
  if (k == 0) {
    for (size_t row = 0; row < batch * static_cast<size_t>(m); ++row) {
      float* start = out + row * static_cast<size_t>(n);
      if (bias != nullptr) std::copy(bias, bias + n, start);
      else std::fill(start, start + n, 0.0f);
    }
    return;
  }

  // [batch, m, k] x one shared [k, n] (a dense layer over a 3-D input) is one tall GEMM.
  if (batch > 1 && !transpose_a && is_identity(a_batch, batch) && all_equal(b_batch, batch)) {
    m *= static_cast<int64_t>(batch);
    b += b_size * static_cast<size_t>(b_batch[0]);
    batch = 1;
  }

  run_products(batch, m * n * k, [&](size_t i) {
    return packed(a + a_size * static_cast<size_t>(a_batch[i]), b + b_size * static_cast<size_t>(b_batch[i]),
                  out + out_size * i, m, n, k, transpose_a, transpose_b, bias);
  });
}

void heads_matmul(const float* a, const HeadStrides& a_strides, const float* b, const HeadStrides& b_strides, float* out,
                  const HeadStrides& out_strides, size_t batch, size_t heads, int64_t m, int64_t n, int64_t k,
                  bool transpose_a, bool transpose_b) {
  (void)kBlasSingleThreaded;
  if (m == 0 || n == 0 || batch == 0 || heads == 0) return;
  auto at = [heads](const HeadStrides& s, size_t item) {
    return static_cast<size_t>(item / heads) * static_cast<size_t>(s.batch) + static_cast<size_t>(item % heads) * static_cast<size_t>(s.head);
  };
  if (k == 0) {
    for (size_t item = 0; item < batch * heads; ++item) {
      for (int64_t row = 0; row < m; ++row) std::fill_n(out + at(out_strides, item) + row * out_strides.row, n, 0.0f);
    }
    return;
  }
  run_products(batch * heads, m * n * k, [&](size_t item) {
    return Product{a + at(a_strides, item), b + at(b_strides, item), out + at(out_strides, item), m, n, k,
                   transpose_a, transpose_b, a_strides.row, b_strides.row, out_strides.row, nullptr};
  });
}

const char* blas_config() { return openblas_get_config(); }

}  // namespace native_cpu
