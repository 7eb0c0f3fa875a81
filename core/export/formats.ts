// The export formats and what each can quantize, as pure data: the CLI, the service's
// contract and, through it, the Export page list them from here.
export const EXPORT_FORMATS = ['hf', 'tfjs', 'onnx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** TF.js stores the weight matrices as float16 or uint8 (tfjs-weights.ts). */
export const TFJS_QUANTIZATIONS = ['f16', 'u8'] as const;
/** ONNX writes an int8 model beside the float32 one (onnx-quantize.ts). */
export const ONNX_QUANTIZATIONS = ['int8'] as const;
export const QUANTIZATION_NAMES = [...TFJS_QUANTIZATIONS, ...ONNX_QUANTIZATIONS] as const;
export type ExportQuantization = (typeof QUANTIZATION_NAMES)[number];

/** Hugging Face folders keep float32 weights. */
export const EXPORT_QUANTIZATIONS: Readonly<Record<ExportFormat, readonly ExportQuantization[]>> = { hf: [], tfjs: TFJS_QUANTIZATIONS, onnx: ONNX_QUANTIZATIONS };

/** Why a format cannot take this quantization, or undefined when it can. */
export function quantizationProblem(format: ExportFormat, quantize: string | undefined): string | undefined {
  const allowed = EXPORT_QUANTIZATIONS[format];
  if (quantize === undefined || (allowed as readonly string[]).includes(quantize)) return undefined;
  return allowed.length === 0 ? `--quantize does not apply to the ${format} format: Hugging Face folders keep float32 weights` : `--quantize for the ${format} format must be ${allowed.join(' or ')}, got "${quantize}"`;
}
