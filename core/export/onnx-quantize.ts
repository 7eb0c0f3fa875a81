// int8 weights for the quantized ONNX graph, in the form onnxruntime.quantization's
// quantize_dynamic writes: weights stored as int8 with a float scale (symmetric, zero
// point 0), activations quantized at run time by DynamicQuantizeLinear, the product by
// MatMulInteger, then Cast and the two scales. One scale per output row (per channel).
//
// Weights use 7 bits (±63), quantize_dynamic's reduce_range: on x86 CPUs without VNNI,
// ONNX Runtime's uint8 × int8 kernels add pairs of products in int16, and 255·127·2
// overflows it while 255·63·2 does not. The lost bit costs less than a saturated sum.
export const INT8_WEIGHT_MAX = 63;

export interface QuantizedRows {
  /** [rows, cols], the input's layout. */
  values: Int8Array;
  /** One scale per row: value ≈ q · scale. */
  scales: Float32Array;
}

/** Symmetric per-row quantization of a [rows, cols] matrix. */
export function quantizeRows(values: Float32Array, rows: number, cols: number): QuantizedRows {
  if (values.length !== rows * cols) throw new Error(`quantizeRows: ${values.length} values for [${rows}, ${cols}]`);
  const quantized = new Int8Array(values.length);
  const scales = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let c = 0; c < cols; c++) max = Math.max(max, Math.abs(values[r * cols + c]!));
    // An all-zero row keeps scale 1 so that dequantizing never divides by zero.
    const scale = max > 0 ? max / INT8_WEIGHT_MAX : 1;
    scales[r] = scale;
    for (let c = 0; c < cols; c++) quantized[r * cols + c] = Math.round(values[r * cols + c]! / scale);
  }
  return { values: quantized, scales };
}
