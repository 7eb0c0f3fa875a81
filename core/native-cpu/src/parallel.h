// A minimal fork-join pool for the element-wise kernels. OpenBLAS threads its own GEMMs;
// everything else (broadcast arithmetic, softmax, reductions, transposes) would run on
// one core without this. The calling (JavaScript) thread always takes a share of the
// work, so a pool of N - 1 workers keeps N cores busy.
#pragma once

#include <cstddef>
#include <functional>

namespace native_cpu {

// Half-open range [begin, end) of the work items one thread handles.
using RangeFn = std::function<void(size_t begin, size_t end)>;

// Splits [0, count) into contiguous chunks of at least `grain` items and runs them on the
// pool; returns when all are done. Work of fewer than two grains runs on the calling
// thread only: waking a worker costs a few microseconds, more than a small loop.
// `fn` must not throw. A parallel_for inside another runs inline.
void parallel_for(size_t count, size_t grain, const RangeFn& fn);

// Threads that parallel_for uses (the calling thread included); at least 1.
int pool_threads();
void set_pool_threads(int threads);

}  // namespace native_cpu
