// The kernels of the native CPU backend, on raw float buffers. Shapes arrive already
// checked and broadcast by the TypeScript side; these functions only compute.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace native_cpu {

using Shape = std::vector<int64_t>;

// ---- matmul.cc ----------------------------------------------------------------------
// out[i] = op(a[a_batch[i]]) · op(b[b_batch[i]]) (+ bias, n floats added to every row,
// when not null) for each of the `batch` output matrices, with op = transpose when the
// flag is set. a matrices hold m·k floats, b k·n, out m·n.
void batch_matmul(const float* a, const float* b, float* out, int64_t m, int64_t n, int64_t k, bool transpose_a,
                  bool transpose_b, const int32_t* a_batch, const int32_t* b_batch, size_t batch,
                  const float* bias = nullptr);

// Where matrix (i, h) of a per-head operand starts and how far apart its rows are: at
// i · batch + h · head, rows `row` floats apart. A head's [T, D] slice of [B, T, heads · D]
// is {T · heads · D, D, heads · D}; packed [B, heads, R, C] is {heads · R · C, R · C, C}.
struct HeadStrides {
  int64_t batch, head, row;
};
// out(i, h) = op(a(i, h)) · op(b(i, h)) for every batch item i and head h: attention's
// products read and write the heads inside [B, T, heads · D] with no transposed copies.
void heads_matmul(const float* a, const HeadStrides& a_strides, const float* b, const HeadStrides& b_strides, float* out,
                  const HeadStrides& out_strides, size_t batch, size_t heads, int64_t m, int64_t n, int64_t k,
                  bool transpose_a, bool transpose_b);

// OpenBLAS's build description (version, kernel set chosen for this CPU).
const char* blas_config();

// ---- elementwise.cc -----------------------------------------------------------------
enum class UnaryOp : int { kExp, kErf, kSqrt, kRsqrt, kSquare, kNeg, kTanh, kLog, kFloor, kAbs, kReciprocal, kSigmoid, kRelu };
void unary(UnaryOp op, const float* x, float* out, size_t size);

enum class BinaryOp : int { kAdd, kSub, kMul, kDiv, kSquaredDifference, kMaximum, kMinimum, kPow };
// out[index] = a[index · a_strides] op b[index · b_strides] over out_shape; a stride of 0
// repeats that input along the axis (broadcasting).
void binary(BinaryOp op, const float* a, const Shape& a_strides, const float* b, const Shape& b_strides, float* out,
            const Shape& out_shape);

// ---- softmax.cc ---------------------------------------------------------------------
// Softmax over each row of a [rows, cols] matrix, max-subtracted like tf.softmax.
void softmax_rows(const float* x, float* out, size_t rows, size_t cols);

// ---- reduce.cc ----------------------------------------------------------------------
enum class ReduceOp : int { kSum, kMean, kMax, kMin };
// Reduces the middle axis of x viewed as [outer, reduced, inner] -> out [outer, inner].
void reduce(ReduceOp op, const float* x, float* out, size_t outer, size_t reduced, size_t inner);

// ---- transpose.cc -------------------------------------------------------------------
// out = x permuted: out axis i is x axis perm[i]. Works on any 4-byte element type.
void transpose(const uint32_t* x, uint32_t* out, const Shape& shape, const Shape& perm);

// ---- gather.cc ----------------------------------------------------------------------
// out[i, :] = table[indices[i], :] for a [rows, cols] table; indices are checked.
void gather_rows(const float* table, size_t rows, size_t cols, const int32_t* indices, size_t count, float* out);
// out = zeros([rows, cols]); out[indices[i], :] += updates[i, :] (duplicates add up).
void scatter_add_rows(const int32_t* indices, size_t count, const float* updates, size_t cols, float* out, size_t rows);

// ---- optimizer.cc -------------------------------------------------------------------
// The scalars of one AdamW step (core/train/adamw.ts computes them), as float32.
struct AdamWStep {
  float decay;                  // 1 - lr · weight_decay (1 without decay)
  float beta1, one_minus_beta1;
  float beta2, one_minus_beta2;
  float bias_correction2_sqrt;  // sqrt(1 - beta2^step)
  float eps;
  float step_size;              // lr / (1 - beta1^step)
  float grad_scale;             // the gradient-clipping coefficient (1 without clipping)
};
// param_out = param · decay - m_out / (sqrt(v_out) / bc2 + eps) · step_size, with
// m_out = m · beta1 + grad · (1 - beta1) and v_out = v · beta2 + grad² · (1 - beta2).
void adamw_update(const AdamWStep& step, const float* param, const float* grad, const float* m, const float* v,
                  float* param_out, float* m_out, float* v_out, size_t n);

// The same update written over param, m and v.
void adamw_update_in_place(const AdamWStep& step, float* param, const float* grad, float* m, float* v, size_t n);
// Σ x², accumulated in double in a fixed order (the gradient norm for clipping).
double sum_squares(const float* x, size_t n);

// ---- dropout.cc ---------------------------------------------------------------------
// out[i] = x[i] · scale where the seeded hash of i is >= rate, else 0 (vector_math.h).
void dropout(const float* x, float* out, size_t n, float rate, float scale, uint32_t seed);

// ---- layer_norm.cc ------------------------------------------------------------------
// Over each row of [rows, cols]: y = (x - mean) · rstd · gamma + beta; mean and rstd per row.
void layer_norm(const float* x, const float* gamma, const float* beta, float* y, float* mean, float* rstd, size_t rows,
                size_t cols, float eps);
void layer_norm_grad(const float* dy, const float* x, const float* mean, const float* rstd, const float* gamma, float* dx,
                     float* dgamma, float* dbeta, size_t rows, size_t cols);

// ---- gelu.cc ------------------------------------------------------------------------
// y = gelu(x + bias) over [rows, cols] with bias [cols]; the gradient gives dx and dbias.
void bias_gelu(const float* x, const float* bias, float* y, size_t rows, size_t cols);
void bias_gelu_grad(const float* dy, const float* x, const float* bias, float* dx, float* dbias, size_t rows, size_t cols);

// ---- attention.cc -------------------------------------------------------------------
// probs = softmax(scores / divisor + bias) over the last axis of [batch, rows_per_batch,
// cols] scores, with one bias row [cols] per batch entry; and the gradient of the scores.
void attention_probs(const float* scores, const float* bias, float* probs, size_t batch, size_t rows_per_batch, size_t cols,
                     float divisor);
void attention_probs_grad(const float* probs, const float* dprobs, float* dscores, size_t rows, size_t cols, float divisor);

// ---- cross_entropy.cc ---------------------------------------------------------------
// Mean softmax cross-entropy of [rows, cols] logits against labels, over the rows whose
// label is not ignore_index (0 when there are none); labels must be class ids otherwise.
float cross_entropy(const float* logits, const int32_t* labels, size_t rows, size_t cols, int32_t ignore_index);
void cross_entropy_grad(const float* logits, const int32_t* labels, float dloss, float* dlogits, size_t rows, size_t cols,
                        int32_t ignore_index);

}  // namespace native_cpu
