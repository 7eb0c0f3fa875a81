// OpenBLAS gets the kernel set of the CPU's vector features, not its SSE3 fallback for
// CPU models it does not know; a person's OPENBLAS_CORETYPE stands.
import { describe, expect, it } from 'vitest';
import { openBlasCoreFor, openBlasCoreType } from './openblas-core-node';

describe('OpenBLAS kernel set', () => {
  it('follows the vector features', () => {
    const avx512 = ['avx2', 'fma', 'avx512f', 'avx512vl', 'avx512bw', 'avx512dq', 'avx512cd'];
    expect(openBlasCoreFor(new Set([...avx512, 'avx512_bf16']))).toBe('Cooperlake');
    expect(openBlasCoreFor(new Set(avx512))).toBe('SkylakeX');
    expect(openBlasCoreFor(new Set(['avx', 'avx2', 'fma']))).toBe('Haswell');
    expect(openBlasCoreFor(new Set(['sse4_2', 'avx']))).toBeUndefined();
  });

  it("keeps the person's choice", () => {
    expect(openBlasCoreType({ OPENBLAS_CORETYPE: 'Zen' })).toBe('Zen');
  });
});
