// The N-API surface of the native CPU kernels. Each export unpacks its arguments, checks
// that every buffer is long enough for the shapes it was given (a wrong shape must be an
// exception, never a write past the end of a tensor), and runs one kernel. The
// TypeScript side (kernels/*.ts) owns shapes, broadcasting rules and dtypes.
#include <algorithm>
#include <stdexcept>
#include <string>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

#include "kernels.h"
#include "napi_args.h"
#include "parallel.h"

namespace native_cpu {
namespace {

size_t product(const Shape& shape) {
  size_t total = 1;
  for (int64_t s : shape) {
    if (s < 0) throw ArgumentError("negative dimension");
    total *= static_cast<size_t>(s);
  }
  return total;
}

// The largest element index a strided iteration over `shape` reads, plus one.
size_t strided_extent(const Shape& shape, const Shape& strides) {
  if (shape.size() != strides.size()) throw ArgumentError("shape and strides differ in rank");
  size_t extent = 1;
  for (size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == 0) return 0;
    if (strides[i] < 0) throw ArgumentError("negative stride");
    extent += static_cast<size_t>((shape[i] - 1) * strides[i]);
  }
  return extent;
}

napi_value undefined(napi_env env) {
  napi_value result;
  napi_get_undefined(env, &result);
  return result;
}

// matmul(a, b, out, m, n, k, transposeA, transposeB, aBatch: Int32Array, bBatch: Int32Array, bias?: Float32Array)
napi_value Matmul(Args& args) {
  const auto a = args.floats(0), b = args.floats(1), out = args.floats(2);
  const int64_t m = args.integer(3), n = args.integer(4), k = args.integer(5);
  const bool transpose_a = args.boolean(6), transpose_b = args.boolean(7);
  const auto a_batch = args.ints(8), b_batch = args.ints(9);
  if (m < 0 || n < 0 || k < 0) throw ArgumentError("negative matrix dimension");
  if (a_batch.length != b_batch.length) throw ArgumentError("batch index arrays differ in length");
  const size_t batch = a_batch.length;
  auto max_index = [](const TypedView<int32_t>& v) {
    int32_t max = -1;
    for (size_t i = 0; i < v.length; ++i) {
      if (v.data[i] < 0) throw ArgumentError("negative batch index");
      max = std::max(max, v.data[i]);
    }
    return static_cast<size_t>(max + 1);
  };
  require_length(a, max_index(a_batch) * static_cast<size_t>(m * k), "a");
  require_length(b, max_index(b_batch) * static_cast<size_t>(k * n), "b");
  require_length(out, batch * static_cast<size_t>(m * n), "out");
  const float* bias = nullptr;
  if (args.has(10)) {
    const auto values = args.floats(10);
    require_length(values, static_cast<size_t>(n), "bias");
    bias = values.data;
  }
  batch_matmul(a.data, b.data, out.data, m, n, k, transpose_a, transpose_b, a_batch.data, b_batch.data, batch, bias);
  return undefined(args.env());
}

// The floats a per-head operand of batch × heads matrices of rows × cols spans (and a check that its rows do not overlap).
size_t heads_extent(const HeadStrides& s, size_t batch, size_t heads, int64_t rows, int64_t cols, const char* name) {
  if (s.batch < 0 || s.head < 0 || s.row < cols) throw ArgumentError(std::string(name) + ": negative stride, or rows closer than their length");
  if (batch == 0 || heads == 0 || rows == 0 || cols == 0) return 0;
  return (batch - 1) * static_cast<size_t>(s.batch) + (heads - 1) * static_cast<size_t>(s.head) + static_cast<size_t>((rows - 1) * s.row + cols);
}

HeadStrides head_strides(Args& args, size_t i) {
  const Shape strides = args.shape(i);
  if (strides.size() != 3) throw ArgumentError("head strides are [batch, head, row]");
  return {strides[0], strides[1], strides[2]};
}

// headsMatmul(a, aStrides, b, bStrides, out, outStrides, batch, heads, m, n, k, transposeA, transposeB)
napi_value HeadsMatmul(Args& args) {
  const auto a = args.floats(0), b = args.floats(2), out = args.floats(4);
  const HeadStrides a_strides = head_strides(args, 1), b_strides = head_strides(args, 3), out_strides = head_strides(args, 5);
  const int64_t batch = args.integer(6), heads = args.integer(7), m = args.integer(8), n = args.integer(9), k = args.integer(10);
  const bool transpose_a = args.boolean(11), transpose_b = args.boolean(12);
  if (batch < 0 || heads < 0 || m < 0 || n < 0 || k < 0) throw ArgumentError("negative dimension");
  const size_t items = static_cast<size_t>(batch), per_item = static_cast<size_t>(heads);
  require_length(a, heads_extent(a_strides, items, per_item, transpose_a ? k : m, transpose_a ? m : k, "a"), "a");
  require_length(b, heads_extent(b_strides, items, per_item, transpose_b ? n : k, transpose_b ? k : n, "b"), "b");
  require_length(out, heads_extent(out_strides, items, per_item, m, n, "out"), "out");
  heads_matmul(a.data, a_strides, b.data, b_strides, out.data, out_strides, items, per_item, m, n, k, transpose_a, transpose_b);
  return undefined(args.env());
}

// unary(op, x, out)
napi_value Unary(Args& args) {
  const int64_t op = args.integer(0);
  const auto x = args.floats(1), out = args.floats(2);
  if (op < 0 || op > static_cast<int64_t>(UnaryOp::kRelu)) throw ArgumentError("unknown unary op");
  require_length(out, x.length, "out");
  unary(static_cast<UnaryOp>(op), x.data, out.data, x.length);
  return undefined(args.env());
}

// binary(op, a, aStrides, b, bStrides, out, outShape)
napi_value Binary(Args& args) {
  const int64_t op = args.integer(0);
  const auto a = args.floats(1);
  const Shape a_strides = args.shape(2);
  const auto b = args.floats(3);
  const Shape b_strides = args.shape(4);
  const auto out = args.floats(5);
  const Shape out_shape = args.shape(6);
  if (op < 0 || op > static_cast<int64_t>(BinaryOp::kPow)) throw ArgumentError("unknown binary op");
  const size_t size = product(out_shape);
  require_length(out, size, "out");
  if (size == 0) return undefined(args.env());
  require_length(a, strided_extent(out_shape, a_strides), "a");
  require_length(b, strided_extent(out_shape, b_strides), "b");
  binary(static_cast<BinaryOp>(op), a.data, a_strides, b.data, b_strides, out.data, out_shape);
  return undefined(args.env());
}

// softmax(x, out, rows, cols)
napi_value Softmax(Args& args) {
  const auto x = args.floats(0), out = args.floats(1);
  const int64_t rows = args.integer(2), cols = args.integer(3);
  if (rows < 0 || cols < 0) throw ArgumentError("negative dimension");
  const size_t size = static_cast<size_t>(rows * cols);
  require_length(x, size, "x");
  require_length(out, size, "out");
  softmax_rows(x.data, out.data, static_cast<size_t>(rows), static_cast<size_t>(cols));
  return undefined(args.env());
}

// reduce(op, x, out, outer, reduced, inner)
napi_value Reduce(Args& args) {
  const int64_t op = args.integer(0);
  const auto x = args.floats(1), out = args.floats(2);
  const int64_t outer = args.integer(3), reduced = args.integer(4), inner = args.integer(5);
  if (op < 0 || op > static_cast<int64_t>(ReduceOp::kMin)) throw ArgumentError("unknown reduce op");
  if (outer < 0 || reduced < 0 || inner < 0) throw ArgumentError("negative dimension");
  require_length(x, static_cast<size_t>(outer * reduced * inner), "x");
  require_length(out, static_cast<size_t>(outer * inner), "out");
  reduce(static_cast<ReduceOp>(op), x.data, out.data, static_cast<size_t>(outer), static_cast<size_t>(reduced),
         static_cast<size_t>(inner));
  return undefined(args.env());
}

// transpose(x, out, shape, perm): x and out hold 4-byte elements (float32 or int32),
// moved as bits, so both dtypes share one kernel.
napi_value Transpose(Args& args) {
  const Shape shape = args.shape(2), perm = args.shape(3);
  if (shape.size() != perm.size()) throw ArgumentError("shape and perm differ in rank");
  Shape seen(shape.size(), 0);
  for (int64_t axis : perm) {
    if (axis < 0 || axis >= static_cast<int64_t>(shape.size()) || seen[axis]++) throw ArgumentError("perm is not a permutation");
  }
  const size_t size = product(shape);
  const auto x = args.words(0), out = args.words(1);
  require_length(x, size, "x");
  require_length(out, size, "out");
  if (size > 0) transpose(x.data, out.data, shape, perm);
  return undefined(args.env());
}

// gatherRows(table, rows, cols, indices, out)
napi_value GatherRows(Args& args) {
  const auto table = args.floats(0);
  const int64_t rows = args.integer(1), cols = args.integer(2);
  const auto indices = args.ints(3);
  const auto out = args.floats(4);
  if (rows < 0 || cols < 0) throw ArgumentError("negative dimension");
  require_length(table, static_cast<size_t>(rows * cols), "table");
  require_length(out, indices.length * static_cast<size_t>(cols), "out");
  gather_rows(table.data, static_cast<size_t>(rows), static_cast<size_t>(cols), indices.data, indices.length, out.data);
  return undefined(args.env());
}

// scatterAddRows(indices, updates, cols, out, rows)
napi_value ScatterAddRows(Args& args) {
  const auto indices = args.ints(0);
  const auto updates = args.floats(1);
  const int64_t cols = args.integer(2);
  const auto out = args.floats(3);
  const int64_t rows = args.integer(4);
  if (rows < 0 || cols < 0) throw ArgumentError("negative dimension");
  require_length(updates, indices.length * static_cast<size_t>(cols), "updates");
  require_length(out, static_cast<size_t>(rows * cols), "out");
  scatter_add_rows(indices.data, indices.length, updates.data, static_cast<size_t>(cols), out.data, static_cast<size_t>(rows));
  return undefined(args.env());
}

// The AdamW step's scalars: decay, beta1, beta2, bc2Sqrt, eps, stepSize, gradScale from argument `first` on.
AdamWStep adamw_step(Args& args, size_t first) {
  const auto f = [&](size_t i) { return static_cast<float>(args.number(first + i)); };
  return AdamWStep{f(0), f(1), static_cast<float>(1.0 - args.number(first + 1)), f(2), static_cast<float>(1.0 - args.number(first + 2)),
                   f(3), f(4), f(5), f(6)};
}

// adamw(param, grad, m, v, paramOut, mOut, vOut, decay, beta1, beta2, bc2Sqrt, eps, stepSize, gradScale)
napi_value AdamW(Args& args) {
  const auto param = args.floats(0), grad = args.floats(1), m = args.floats(2), v = args.floats(3);
  const auto param_out = args.floats(4), m_out = args.floats(5), v_out = args.floats(6);
  const size_t n = param.length;
  for (const auto* view : {&grad, &m, &v, &param_out, &m_out, &v_out}) require_length(*view, n, "AdamW buffer");
  adamw_update(adamw_step(args, 7), param.data, grad.data, m.data, v.data, param_out.data, m_out.data, v_out.data, n);
  return undefined(args.env());
}

// adamwInPlace(param, grad, m, v, decay, beta1, beta2, bc2Sqrt, eps, stepSize, gradScale)
napi_value AdamWInPlace(Args& args) {
  const auto param = args.floats(0), grad = args.floats(1), m = args.floats(2), v = args.floats(3);
  const size_t n = param.length;
  for (const auto* view : {&grad, &m, &v}) require_length(*view, n, "AdamW buffer");
  if (param.data == grad.data || m.data == grad.data || v.data == grad.data || param.data == m.data || param.data == v.data || m.data == v.data) {
    throw ArgumentError("adamwInPlace: the parameter, its gradient and its moments must be distinct buffers");
  }
  adamw_update_in_place(adamw_step(args, 4), param.data, grad.data, m.data, v.data, n);
  return undefined(args.env());
}

napi_value number_value(napi_env env, double value) {
  napi_value result;
  napi_create_double(env, value, &result);
  return result;
}

// sumSquares(x) -> number
napi_value SumSquares(Args& args) {
  const auto x = args.floats(0);
  return number_value(args.env(), sum_squares(x.data, x.length));
}

// dropout(x, out, rate, scale, seed)
napi_value Dropout(Args& args) {
  const auto x = args.floats(0), out = args.floats(1);
  const double rate = args.number(2), scale = args.number(3), seed = args.number(4);
  if (!(rate >= 0 && rate < 1)) throw ArgumentError("dropout rate must be in [0, 1)");
  if (!(seed >= 0 && seed <= 4294967295.0) || seed != static_cast<double>(static_cast<uint32_t>(seed))) throw ArgumentError("dropout seed must be a 32-bit unsigned integer");
  require_length(out, x.length, "out");
  dropout(x.data, out.data, x.length, static_cast<float>(rate), static_cast<float>(scale), static_cast<uint32_t>(seed));
  return undefined(args.env());
}

// layerNorm(x, gamma, beta, y, mean, rstd, rows, cols, eps)
napi_value LayerNorm(Args& args) {
  const auto x = args.floats(0), gamma = args.floats(1), beta = args.floats(2), y = args.floats(3), mean = args.floats(4), rstd = args.floats(5);
  const int64_t rows = args.integer(6), cols = args.integer(7);
  if (rows < 0 || cols < 0) throw ArgumentError("negative dimension");
  const size_t size = static_cast<size_t>(rows * cols);
  require_length(x, size, "x");
  require_length(y, size, "y");
  require_length(gamma, static_cast<size_t>(cols), "gamma");
  require_length(beta, static_cast<size_t>(cols), "beta");
  require_length(mean, static_cast<size_t>(rows), "mean");
  require_length(rstd, static_cast<size_t>(rows), "rstd");
  if (cols == 0) return undefined(args.env());
  layer_norm(x.data, gamma.data, beta.data, y.data, mean.data, rstd.data, static_cast<size_t>(rows), static_cast<size_t>(cols), static_cast<float>(args.number(8)));
  return undefined(args.env());
}

// layerNormGrad(dy, x, mean, rstd, gamma, dx, dgamma, dbeta, rows, cols)
napi_value LayerNormGrad(Args& args) {
  const auto dy = args.floats(0), x = args.floats(1), mean = args.floats(2), rstd = args.floats(3), gamma = args.floats(4);
  const auto dx = args.floats(5), dgamma = args.floats(6), dbeta = args.floats(7);
  const int64_t rows = args.integer(8), cols = args.integer(9);
  if (rows < 0 || cols < 0) throw ArgumentError("negative dimension");
  const size_t size = static_cast<size_t>(rows * cols);
  for (const auto* view : {&dy, &x, &dx}) require_length(*view, size, "LayerNorm gradient buffer");
  for (const auto* view : {&gamma, &dgamma, &dbeta}) require_length(*view, static_cast<size_t>(cols), "LayerNorm parameter buffer");
  for (const auto* view : {&mean, &rstd}) require_length(*view, static_cast<size_t>(rows), "LayerNorm statistics");
  layer_norm_grad(dy.data, x.data, mean.data, rstd.data, gamma.data, dx.data, dgamma.data, dbeta.data, static_cast<size_t>(rows), static_cast<size_t>(cols));
  return undefined(args.env());
}

// biasGelu(x, bias, y, rows, cols)
napi_value BiasGelu(Args& args) {
  const auto x = args.floats(0), bias = args.floats(1), y = args.floats(2);
  const int64_t rows = args.integer(3), cols = args.integer(4);
  if (rows < 0 || cols < 0) throw ArgumentError("negative dimension");
  require_length(x, static_cast<size_t>(rows * cols), "x");
  require_length(y, static_cast<size_t>(rows * cols), "y");
  require_length(bias, static_cast<size_t>(cols), "bias");
  bias_gelu(x.data, bias.data, y.data, static_cast<size_t>(rows), static_cast<size_t>(cols));
  return undefined(args.env());
}

// biasGeluGrad(dy, x, bias, dx, dbias, rows, cols)
napi_value BiasGeluGrad(Args& args) {
  const auto dy = args.floats(0), x = args.floats(1), bias = args.floats(2), dx = args.floats(3), dbias = args.floats(4);
  const int64_t rows = args.integer(5), cols = args.integer(6);
  if (rows < 0 || cols < 0) throw ArgumentError("negative dimension");
  for (const auto* view : {&dy, &x, &dx}) require_length(*view, static_cast<size_t>(rows * cols), "GELU gradient buffer");
  require_length(bias, static_cast<size_t>(cols), "bias");
  require_length(dbias, static_cast<size_t>(cols), "dbias");
  bias_gelu_grad(dy.data, x.data, bias.data, dx.data, dbias.data, static_cast<size_t>(rows), static_cast<size_t>(cols));
  return undefined(args.env());
}

// attentionProbs(scores, bias, probs, batch, rowsPerBatch, cols, divisor)
napi_value AttentionProbs(Args& args) {
  const auto scores = args.floats(0), bias = args.floats(1), probs = args.floats(2);
  const int64_t batch = args.integer(3), rows_per_batch = args.integer(4), cols = args.integer(5);
  if (batch < 0 || rows_per_batch < 0 || cols < 0) throw ArgumentError("negative dimension");
  const size_t size = static_cast<size_t>(batch * rows_per_batch * cols);
  require_length(scores, size, "scores");
  require_length(probs, size, "probs");
  require_length(bias, static_cast<size_t>(batch * cols), "bias");
  attention_probs(scores.data, bias.data, probs.data, static_cast<size_t>(batch), static_cast<size_t>(rows_per_batch), static_cast<size_t>(cols),
                  static_cast<float>(args.number(6)));
  return undefined(args.env());
}

// attentionProbsGrad(probs, dprobs, dscores, rows, cols, divisor)
napi_value AttentionProbsGrad(Args& args) {
  const auto probs = args.floats(0), dprobs = args.floats(1), dscores = args.floats(2);
  const int64_t rows = args.integer(3), cols = args.integer(4);
  if (rows < 0 || cols < 0) throw ArgumentError("negative dimension");
  for (const auto* view : {&probs, &dprobs, &dscores}) require_length(*view, static_cast<size_t>(rows * cols), "attention gradient buffer");
  attention_probs_grad(probs.data, dprobs.data, dscores.data, static_cast<size_t>(rows), static_cast<size_t>(cols), static_cast<float>(args.number(5)));
  return undefined(args.env());
}

// crossEntropy(logits, labels, rows, cols, ignoreIndex) -> number
napi_value CrossEntropy(Args& args) {
  const auto logits = args.floats(0);
  const auto labels = args.ints(1);
  const int64_t rows = args.integer(2), cols = args.integer(3);
  if (rows < 0 || cols < 0) throw ArgumentError("negative dimension");
  require_length(logits, static_cast<size_t>(rows * cols), "logits");
  require_length(labels, static_cast<size_t>(rows), "labels");
  const float loss = cross_entropy(logits.data, labels.data, static_cast<size_t>(rows), static_cast<size_t>(cols), static_cast<int32_t>(args.integer(4)));
  return number_value(args.env(), loss);
}

// crossEntropyGrad(logits, labels, dloss, dlogits, rows, cols, ignoreIndex)
napi_value CrossEntropyGrad(Args& args) {
  const auto logits = args.floats(0);
  const auto labels = args.ints(1);
  const double dloss = args.number(2);
  const auto dlogits = args.floats(3);
  const int64_t rows = args.integer(4), cols = args.integer(5);
  if (rows < 0 || cols < 0) throw ArgumentError("negative dimension");
  require_length(logits, static_cast<size_t>(rows * cols), "logits");
  require_length(dlogits, static_cast<size_t>(rows * cols), "dlogits");
  require_length(labels, static_cast<size_t>(rows), "labels");
  cross_entropy_grad(logits.data, labels.data, static_cast<float>(dloss), dlogits.data, static_cast<size_t>(rows), static_cast<size_t>(cols),
                     static_cast<int32_t>(args.integer(6)));
  return undefined(args.env());
}

// detach(arrayBuffer): detaches an ArrayBuffer, which frees its memory now rather than at
// V8's next garbage collection. Only for buffers nothing else can see (buffer-pool.ts).
napi_value Detach(Args& args) {
  napi_value buffer = args.value(0);
  bool is_buffer = false;
  if (napi_is_arraybuffer(args.env(), buffer, &is_buffer) != napi_ok || !is_buffer) throw ArgumentError("argument 0 must be an ArrayBuffer");
  if (napi_detach_arraybuffer(args.env(), buffer) != napi_ok) throw ArgumentError("the ArrayBuffer cannot be detached");
  return undefined(args.env());
}

// setThreads(n): the threads every kernel uses, GEMMs included (the calling thread counts).
napi_value SetThreads(Args& args) {
  const int64_t threads = args.integer(0);
  if (threads < 1 || threads > 256) throw ArgumentError("threads must be in [1, 256]");
  set_pool_threads(static_cast<int>(threads));
  return undefined(args.env());
}

// info() -> { threads, blas }
napi_value Info(Args& args) {
  napi_env env = args.env();
  napi_value result, threads, blas;
  napi_create_object(env, &result);
  napi_create_int32(env, pool_threads(), &threads);
  napi_create_string_utf8(env, blas_config(), NAPI_AUTO_LENGTH, &blas);
  napi_set_named_property(env, result, "threads", threads);
  napi_set_named_property(env, result, "blas", blas);
  return result;
}

using Handler = napi_value (*)(Args&);

// Runs a handler and turns C++ exceptions into JavaScript ones: TypeError for bad
// arguments, RangeError for out-of-range indices, Error for anything else.
template <Handler handler>
napi_value guarded(napi_env env, napi_callback_info info) {
  try {
    Args args(env, info);
    return handler(args);
  } catch (const ArgumentError& error) {
    napi_throw_type_error(env, nullptr, error.what());
  } catch (const std::out_of_range& error) {
    napi_throw_range_error(env, nullptr, error.what());
  } catch (const std::exception& error) {
    napi_throw_error(env, nullptr, error.what());
  }
  return nullptr;
}

// Tensor data lives in V8 array buffers, which Node allocates with calloc. glibc serves
// blocks up to a threshold from its heap and raises that threshold to the size of any
// mmapped block that is freed (up to 32 MB); freed heap blocks stay resident. Training
// frees gigabytes of activations of many sizes every step, so the process kept the sum
// of every size it ever used: BERT-Base sat at 9 GB of RSS with under 4 GB of live
// buffers. A fixed 1 MB threshold sends every tensor larger than that to mmap, which
// returns it to the system when freed; the buffer pool (buffer-pool.ts) keeps the
// page-fault cost of fresh mappings out of the steady state.
void return_large_frees_to_the_system() {
#if defined(__GLIBC__)
  mallopt(M_MMAP_THRESHOLD, 1 << 20);
#endif
}

napi_value Init(napi_env env, napi_value exports) {
  return_large_frees_to_the_system();
  const napi_property_descriptor methods[] = {
      {"matmul", nullptr, guarded<Matmul>, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"headsMatmul", nullptr, guarded<HeadsMatmul>, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"unary", nullptr, guarded<Unary>, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"binary", nullptr, guarded<Binary>, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"softmax", nullptr, guarded<Softmax>, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"reduce", nullptr, guarded<Reduce>, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"transpose", nullptr, guarded<Transpose>, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"gatherRows", nullptr, guarded<GatherRows>, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"scatterAddRows", nullptr, guarded<ScatterAddRows>, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"adamw", nullptr, guarded<AdamW>, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"adamwInPlace", nullptr, guarded<AdamWInPlace>, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"sumSquares", nullptr, guarded<SumSquares>, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"dropout", nullptr, guarded<Dropout>, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"layerNorm", nullptr, guarded<LayerNorm>, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"layerNormGrad", nullptr, guarded<LayerNormGrad>, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"biasGelu", nullptr, guarded<BiasGelu>, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"biasGeluGrad", nullptr, guarded<BiasGeluGrad>, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"attentionProbs", nullptr, guarded<AttentionProbs>, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"attentionProbsGrad", nullptr, guarded<AttentionProbsGrad>, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"crossEntropy", nullptr, guarded<CrossEntropy>, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"crossEntropyGrad", nullptr, guarded<CrossEntropyGrad>, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"detach", nullptr, guarded<Detach>, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"setThreads", nullptr, guarded<SetThreads>, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
      {"info", nullptr, guarded<Info>, nullptr, nullptr, nullptr, napi_enumerable, nullptr},
  };
  napi_define_properties(env, exports, sizeof(methods) / sizeof(methods[0]), methods);
  return exports;
}

}  // namespace
}  // namespace native_cpu

NAPI_MODULE(NODE_GYP_MODULE_NAME, native_cpu::Init)
