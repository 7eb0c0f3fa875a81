// The safetensors format (https://github.com/huggingface/safetensors): an 8-byte
// little-endian header length, a JSON header {name: {dtype, shape, data_offsets}} plus
// optional "__metadata__", then the raw little-endian tensor bytes.
import { bfloat16ToFloat32, float16ToFloat32 } from './half-float';

export class SafetensorsError extends Error {
  override name = 'SafetensorsError';
}

const DTYPE_BYTES: Record<string, number> = {
  F64: 8, F32: 4, F16: 2, BF16: 2, I64: 8, I32: 4, I16: 2, I8: 1, U8: 1, BOOL: 1,
};

/** The float formats decoded to float32 (weights); integer tensors such as position_ids are only skipped. */
export type FloatDtype = 'F32' | 'F16' | 'BF16' | 'F64';

export interface SafetensorsEntry {
  dtype: string;
  shape: number[];
  /** The tensor's raw bytes (a view into the file). */
  bytes: Uint8Array;
}

export interface SafetensorsFile {
  tensors: Map<string, SafetensorsEntry>;
  metadata: Record<string, string>;
}

interface HeaderEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

export function parseSafetensors(file: Uint8Array): SafetensorsFile {
  if (file.byteLength < 8) throw new SafetensorsError('file is shorter than the 8-byte header length');
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const headerLength = Number(view.getBigUint64(0, true));
  if (8 + headerLength > file.byteLength) throw new SafetensorsError(`header length ${headerLength} runs past the end of the file (${file.byteLength} bytes)`);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder().decode(file.subarray(8, 8 + headerLength))) as Record<string, unknown>;
  } catch (error) {
    throw new SafetensorsError(`header is not valid JSON: ${(error as Error).message}`);
  }
  const data = file.subarray(8 + headerLength);
  const tensors = new Map<string, SafetensorsEntry>();
  let metadata: Record<string, string> = {};
  for (const [name, value] of Object.entries(header)) {
    if (name === '__metadata__') {
      metadata = (value ?? {}) as Record<string, string>;
      continue;
    }
    const entry = value as HeaderEntry;
    const [begin, end] = entry.data_offsets ?? [];
    const itemBytes = DTYPE_BYTES[entry.dtype];
    if (itemBytes === undefined) throw new SafetensorsError(`${name}: unknown dtype ${String(entry.dtype)}`);
    if (!Array.isArray(entry.shape) || !entry.shape.every((d) => Number.isInteger(d) && d >= 0)) {
      throw new SafetensorsError(`${name}: shape must be a list of non-negative integers`);
    }
    if (!Number.isInteger(begin) || !Number.isInteger(end) || begin! < 0 || end! < begin! || end! > data.byteLength) {
      throw new SafetensorsError(`${name}: data_offsets [${String(begin)}, ${String(end)}] lie outside the ${data.byteLength} data bytes`);
    }
    const expected = entry.shape.reduce((a, b) => a * b, 1) * itemBytes;
    if (end! - begin! !== expected) throw new SafetensorsError(`${name}: ${end! - begin!} bytes for ${entry.dtype} [${entry.shape.join(', ')}], expected ${expected}`);
    tensors.set(name, { dtype: entry.dtype, shape: entry.shape, bytes: data.subarray(begin, end) });
  }
  return { tensors, metadata };
}

/** A weight as float32, whatever float format the file stores it in. */
export function decodeFloat32(name: string, entry: SafetensorsEntry): Float32Array {
  const { bytes } = entry;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  switch (entry.dtype) {
    case 'F32':
      // A copy: the file buffer need not be 4-byte aligned, and the caller owns the result.
      return new Float32Array(bytes.slice().buffer);
    case 'F16':
    case 'BF16': {
      const decode = entry.dtype === 'F16' ? float16ToFloat32 : bfloat16ToFloat32;
      const out = new Float32Array(bytes.byteLength / 2);
      for (let i = 0; i < out.length; i++) out[i] = decode(view.getUint16(2 * i, true));
      return out;
    }
    case 'F64': {
      const out = new Float32Array(bytes.byteLength / 8);
      for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(8 * i, true);
      return out;
    }
    default:
      throw new SafetensorsError(`${name}: dtype ${entry.dtype} is not a float format (F32, F16, BF16, F64)`);
  }
}

export interface TensorToWrite {
  dtype: 'F32' | 'F16' | 'BF16';
  shape: number[];
  /** Float32Array for F32; the raw 16-bit patterns for F16 and BF16. */
  data: Float32Array | Uint16Array;
}

/**
 * A safetensors file with the tensors in name order (as the safetensors library writes
 * them when all share a dtype) and `{"format": "pt"}` metadata, which Transformers
 * expects. The header is padded with spaces to a multiple of 8 bytes, so every tensor
 * starts aligned.
 */
export function serializeSafetensors(tensors: Map<string, TensorToWrite>, metadata: Record<string, string> = { format: 'pt' }): Uint8Array {
  const names = [...tensors.keys()].sort();
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  for (const name of names) {
    const tensor = tensors.get(name)!;
    const expected = tensor.shape.reduce((a, b) => a * b, 1);
    if (tensor.data.length !== expected) throw new SafetensorsError(`${name}: ${tensor.data.length} values for shape [${tensor.shape.join(', ')}]`);
    header[name] = { dtype: tensor.dtype, shape: tensor.shape, data_offsets: [offset, offset + tensor.data.byteLength] };
    offset += tensor.data.byteLength;
  }
  let headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(headerBytes.byteLength / 8) * 8;
  headerBytes = new TextEncoder().encode(JSON.stringify(header).padEnd(padded, ' '));
  const file = new Uint8Array(8 + padded + offset);
  new DataView(file.buffer).setBigUint64(0, BigInt(padded), true);
  file.set(headerBytes, 8);
  let position = 8 + padded;
  for (const name of names) {
    const data = tensors.get(name)!.data;
    file.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), position);
    position += data.byteLength;
  }
  return file;
}
