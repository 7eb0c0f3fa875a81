// Which of OpenBLAS's kernel sets to use. A DYNAMIC_ARCH OpenBLAS (Debian's) picks one by
// CPU model, and a model newer than the library falls back to "Prescott", its SSE3
// kernels: on a Sapphire Rapids Xeon with OpenBLAS 0.3.21, bert-mini trained 3x slower
// than with the AVX-512 set (2.3 against 7.8 samples/s). OpenBLAS reads
// OPENBLAS_CORETYPE when it loads, so the CPU's own vector features decide before the
// addon is loaded; a value already set (by the person) stands.
import { readFileSync } from 'node:fs';

/** The kernel set for these /proc/cpuinfo flags, or undefined to let OpenBLAS decide. */
export function openBlasCoreFor(flags: ReadonlySet<string>): string | undefined {
  const has = (...names: string[]) => names.every((name) => flags.has(name));
  if (has('avx512f', 'avx512vl', 'avx512bw', 'avx512dq', 'avx512_bf16')) return 'Cooperlake';
  if (has('avx512f', 'avx512vl', 'avx512bw', 'avx512dq', 'avx512cd')) return 'SkylakeX';
  if (has('avx2', 'fma')) return 'Haswell';
  return undefined;
}

function cpuFlags(): Set<string> {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8').split('\n').find((l) => l.startsWith('flags'));
    return new Set(line?.split(':')[1]?.trim().split(/\s+/) ?? []);
  } catch {
    return new Set(); // not Linux: OpenBLAS's own detection
  }
}

/** OPENBLAS_CORETYPE for this machine: the person's, or the one its CPU features call for (x86-64 Linux). */
export function openBlasCoreType(env: NodeJS.ProcessEnv = process.env): string | undefined {
  if (env.OPENBLAS_CORETYPE) return env.OPENBLAS_CORETYPE;
  return process.arch === 'x64' ? openBlasCoreFor(cpuFlags()) : undefined;
}
