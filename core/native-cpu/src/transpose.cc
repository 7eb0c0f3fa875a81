// Axis permutations. BERT's attention splits and merges heads ([B, T, A, D] <->
// [B, A, T, D]) and the dense layers transpose their [out, in] weights every step.
#include <algorithm>
#include <cstring>

#include "kernels.h"
#include "parallel.h"

namespace native_cpu {
namespace {

// Input axes that stay neighbours in the output move as one: [B, T, A, D] with perm
// [0, 2, 1, 3] stays rank 4, but [N, H] with perm [0, 1] becomes one flat copy.
void collapse(const Shape& shape, const Shape& perm, Shape& out_shape_in_order, Shape& out_perm) {
  // Drop size-1 axes, keeping the order of the others.
  Shape kept_axes;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] != 1) kept_axes.push_back(static_cast<int64_t>(i));
  }
  Shape new_index(shape.size(), -1);
  for (size_t i = 0; i < kept_axes.size(); ++i) new_index[kept_axes[i]] = static_cast<int64_t>(i);
  Shape sizes, p;
  for (size_t i = 0; i < kept_axes.size(); ++i) sizes.push_back(shape[kept_axes[i]]);
  for (int64_t axis : perm) {
    if (new_index[axis] >= 0) p.push_back(new_index[axis]);
  }
  // Merge runs of consecutive input axes in the permutation.
  Shape group_of(sizes.size(), -1);
  Shape groups;  // first input axis of each output group, in output order
  for (size_t i = 0; i < p.size(); ++i) {
    if (i > 0 && p[i] == p[i - 1] + 1) {
      group_of[p[i]] = group_of[p[i - 1]];
    } else {
      group_of[p[i]] = static_cast<int64_t>(groups.size());
      groups.push_back(p[i]);
    }
  }
  // Group sizes in input order, and the permutation over groups.
  Shape order(groups.size());
  for (size_t g = 0; g < groups.size(); ++g) order[g] = static_cast<int64_t>(g);
  std::sort(order.begin(), order.end(), [&](int64_t x, int64_t y) { return groups[x] < groups[y]; });
  Shape rank_of(groups.size());
  for (size_t r = 0; r < order.size(); ++r) rank_of[order[r]] = static_cast<int64_t>(r);
  out_shape_in_order.assign(groups.size(), 1);
  for (size_t axis = 0; axis < sizes.size(); ++axis) out_shape_in_order[rank_of[group_of[axis]]] *= sizes[axis];
  out_perm.resize(groups.size());
  for (size_t g = 0; g < groups.size(); ++g) out_perm[g] = rank_of[g];
}

Shape strides_of(const Shape& shape) {
  Shape strides(shape.size(), 1);
  for (size_t i = shape.size(); i-- > 1;) strides[i - 1] = strides[i] * shape[i];
  return strides;
}

constexpr int64_t kTile = 8;

}  // namespace

void transpose(const uint32_t* x, uint32_t* out, const Shape& shape_in, const Shape& perm_in) {
  Shape shape, perm;
  collapse(shape_in, perm_in, shape, perm);
  size_t total = 1;
  for (int64_t s : shape) total *= static_cast<size_t>(s);
  const size_t rank = shape.size();
  if (rank <= 1) {  // the identity permutation after collapsing
    std::memcpy(out, x, total * sizeof(uint32_t));
    return;
  }
  const Shape in_strides = strides_of(shape);
  Shape out_shape(rank);
  for (size_t i = 0; i < rank; ++i) out_shape[i] = shape[perm[i]];
  const Shape out_strides = strides_of(out_shape);
  // Output axis i reads input axis perm[i]; its input stride:
  Shape read_strides(rank);
  for (size_t i = 0; i < rank; ++i) read_strides[i] = in_strides[perm[i]];

  if (perm[rank - 1] == static_cast<int64_t>(rank - 1)) {
    // The last axis stays last ([B, T, A, D] -> [B, A, T, D]): contiguous runs move whole.
    const size_t run = static_cast<size_t>(shape[rank - 1]);
    const size_t runs = total / run;
    parallel_for(runs, std::max<size_t>(1, (size_t{1} << 15) / run), [&](size_t begin, size_t end) {
      for (size_t r = begin; r < end; ++r) {
        int64_t in_offset = 0;
        size_t rest = r;
        for (size_t axis = rank - 1; axis-- > 0;) {
          in_offset += static_cast<int64_t>(rest % static_cast<size_t>(out_shape[axis])) * read_strides[axis];
          rest /= static_cast<size_t>(out_shape[axis]);
        }
        std::memcpy(out + r * run, x + in_offset, run * sizeof(uint32_t));
      }
    });
    return;
  }

  // Otherwise every output element is a strided read. Copy in small square tiles, each
  // output row of a tile contiguous, so that the tile's input lines stay in L1 while it is
  // read across; 8 x 8 measured fastest (5x faster than 32 x 32 on a 1024^2 transpose).
  const size_t out_last = rank - 1;                      // output axis, strided in the input
  size_t out_of_in_last = 0;                             // output axis holding input's last axis
  for (size_t i = 0; i < rank; ++i) {
    if (perm[i] == static_cast<int64_t>(rank - 1)) out_of_in_last = i;
  }
  const int64_t rows = out_shape[out_of_in_last];        // contiguous in input
  const int64_t cols = out_shape[out_last];              // contiguous in output
  const int64_t in_col_stride = read_strides[out_last];  // input stride along output's last axis
  const int64_t out_row_stride = out_strides[out_of_in_last];
  // The remaining axes index independent [rows, cols] planes.
  Shape outer_axes;
  for (size_t i = 0; i + 1 < rank; ++i) {
    if (i != out_of_in_last) outer_axes.push_back(static_cast<int64_t>(i));
  }
  size_t planes = 1;
  for (int64_t axis : outer_axes) planes *= static_cast<size_t>(out_shape[axis]);
  const size_t row_blocks = static_cast<size_t>((rows + kTile - 1) / kTile);

  // Work items are (plane, band of kTile rows), so one big plane still splits across threads.
  parallel_for(planes * row_blocks, std::max<size_t>(1, (size_t{1} << 14) / static_cast<size_t>(kTile * cols)), [&](size_t begin, size_t end) {
    for (size_t item = begin; item < end; ++item) {
      const size_t plane = item / row_blocks;
      const int64_t r0 = static_cast<int64_t>(item % row_blocks) * kTile;
      const int64_t r1 = std::min(r0 + kTile, rows);
      int64_t in_offset = 0, out_offset = 0;
      size_t rest = plane;
      for (size_t j = outer_axes.size(); j-- > 0;) {
        const int64_t axis = outer_axes[j];
        const int64_t index = static_cast<int64_t>(rest % static_cast<size_t>(out_shape[axis]));
        rest /= static_cast<size_t>(out_shape[axis]);
        in_offset += index * read_strides[axis];
        out_offset += index * out_strides[axis];
      }
      const uint32_t* src = x + in_offset;
      uint32_t* dst = out + out_offset;
      for (int64_t c0 = 0; c0 < cols; c0 += kTile) {
        const int64_t c1 = std::min(c0 + kTile, cols);
        for (int64_t r = r0; r < r1; ++r) {
          for (int64_t c = c0; c < c1; ++c) dst[r * out_row_stride + c] = src[c * in_col_stride + r];
        }
      }
    }
  });
}

}  // namespace native_cpu
