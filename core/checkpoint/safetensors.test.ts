import { describe, expect, it } from 'vitest';
import { bfloat16ToFloat32, float16ToFloat32, float32ToBfloat16, float32ToFloat16 } from './half-float';
import { decodeFloat32, parseSafetensors, SafetensorsError, serializeSafetensors, type TensorToWrite } from './safetensors';

describe('half floats', () => {
  it('encode and decode IEEE half exactly', () => {
    const cases: [number, number][] = [
      [1, 0x3c00], [-2, 0xc000], [65504, 0x7bff], [2 ** -24, 0x0001], [2 ** -14, 0x0400], [0.5, 0x3800], [0, 0], [Infinity, 0x7c00],
    ];
    for (const [value, bits] of cases) {
      expect(float32ToFloat16(value)).toBe(bits);
      expect(float16ToFloat32(bits)).toBe(value);
    }
    expect(float32ToFloat16(0.1)).toBe(0x2e66); // rounded to nearest
    expect(float32ToFloat16(1e6)).toBe(0x7c00); // overflow to infinity
    expect(Number.isNaN(float16ToFloat32(float32ToFloat16(NaN)))).toBe(true);
  });

  it('encode and decode bfloat16 with round-to-nearest-even', () => {
    expect(float32ToBfloat16(1)).toBe(0x3f80);
    expect(bfloat16ToFloat32(0x3f80)).toBe(1);
    expect(bfloat16ToFloat32(0xc040)).toBe(-3);
    expect(float32ToBfloat16(1 + 2 ** -8)).toBe(0x3f80); // tie to even
    expect(float32ToBfloat16(1 + 3 * 2 ** -8)).toBe(0x3f82);
  });
});

describe('safetensors', () => {
  const values = [0.5, -1.25, 3, 1024, -0.0625, 2 ** -20];
  const tensors = new Map<string, TensorToWrite>([
    ['f32', { dtype: 'F32', shape: [2, 3], data: Float32Array.from(values) }],
    ['f16', { dtype: 'F16', shape: [3, 2], data: Uint16Array.from(values, float32ToFloat16) }],
    ['bf16', { dtype: 'BF16', shape: [6], data: Uint16Array.from(values, float32ToBfloat16) }],
  ]);

  it('round-trips F32 exactly and decodes F16 and BF16 to float32', () => {
    const file = parseSafetensors(serializeSafetensors(tensors));
    expect(file.metadata).toEqual({ format: 'pt' });
    expect([...file.tensors.keys()]).toEqual(['bf16', 'f16', 'f32']);
    expect(file.tensors.get('f16')!.shape).toEqual([3, 2]);
    for (const name of ['f32', 'f16', 'bf16']) expect([...decodeFloat32(name, file.tensors.get(name)!)]).toEqual(values);
  });

  it('aligns the data to 8 bytes and refuses broken files with a reason', () => {
    const bytes = serializeSafetensors(tensors);
    expect(Number(new DataView(bytes.buffer).getBigUint64(0, true)) % 8).toBe(0);
    expect(() => parseSafetensors(bytes.subarray(0, 4))).toThrow(SafetensorsError);
    expect(() => parseSafetensors(bytes.subarray(0, bytes.byteLength - 4))).toThrow('lie outside');
    const file = parseSafetensors(bytes);
    expect(() => decodeFloat32('ids', { dtype: 'I64', shape: [1], bytes: new Uint8Array(8) })).toThrow('ids: dtype I64 is not a float format');
    expect(file.tensors.size).toBe(3);
  });
});
