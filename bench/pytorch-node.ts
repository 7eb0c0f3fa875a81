// Runs bench/pytorch_reference.py, the PyTorch side of the comparison, when this machine
// has a Python with torch. Debian's python3-torch uses whichever BLAS libblas.so.3 points
// at; the threaded OpenBLAS directory goes first on the library path, so PyTorch gets the
// same GEMM library (and as many threads) as native-cpu. Its OpenMP threads wait passively:
// spinning ones lose the core to any other process, and on this shared 2-core machine
// that made PyTorch 6x slower (3.2 instead of 19 samples/s for bert-mini training).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { openBlasCoreType } from '../core/native-cpu/openblas-core-node';
import type { ModelBenchResult } from './model-throughput';

const run = promisify(execFile);
const SCRIPT = path.join(import.meta.dirname, 'pytorch_reference.py');
const OPENBLAS_PTHREAD_DIRS = ['/usr/lib/x86_64-linux-gnu/openblas-pthread', '/usr/lib/aarch64-linux-gnu/openblas-pthread'];

/** What the script prints: a model row without the figures only TF.js knows (FLOPs come from the suite). */
export type PytorchResult = Omit<ModelBenchResult, 'backend' | 'grad_accum' | 'gflop_per_step' | 'gflops' | 'tensor_leak'> & {
  backend: 'pytorch';
  backend_detail: string;
};

/** PyTorch's environment: the same OpenBLAS, with the same kernel set native-cpu uses (openblas-core-node.ts), and passive OpenMP waits. */
export function pytorchEnvironment(): NodeJS.ProcessEnv {
  const blas = OPENBLAS_PTHREAD_DIRS.filter(existsSync);
  const libraryPath = [...blas, process.env.LD_LIBRARY_PATH].filter(Boolean).join(':');
  const core = openBlasCoreType();
  return { ...process.env, OMP_WAIT_POLICY: 'PASSIVE', LD_LIBRARY_PATH: libraryPath, ...(core ? { OPENBLAS_CORETYPE: core } : {}) };
}

/** A Python that can import torch (WORKBENCH_PYTHON, Debian's /usr/bin/python3, or python3 on PATH), if any. */
export async function findTorchPython(): Promise<string | undefined> {
  const candidates = [process.env.WORKBENCH_PYTHON, '/usr/bin/python3', 'python3'].filter((c): c is string => Boolean(c));
  for (const python of candidates) {
    try {
      await run(python, ['-c', 'import torch'], { env: pytorchEnvironment(), timeout: 60_000 });
      return python;
    } catch {
      // no such interpreter, or no torch in it
    }
  }
  return undefined;
}

export interface PytorchRunOptions {
  preset: string;
  mode: 'train' | 'infer';
  batchSize: number;
  seqLen: number;
  steps: number;
  warmup: number;
}

export async function runPytorchReference(python: string, opts: PytorchRunOptions): Promise<PytorchResult> {
  const args = [SCRIPT, '--preset', opts.preset, '--mode', opts.mode, '--batch-size', String(opts.batchSize), '--seq-len', String(opts.seqLen), '--steps', String(opts.steps), '--warmup', String(opts.warmup)];
  const { stdout } = await run(python, args, { env: pytorchEnvironment(), timeout: 60 * 60_000, maxBuffer: 16 * 2 ** 20 });
  const line = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as PytorchResult;
}

/** What bench/pytorch_end_to_end.py prints. */
export interface PytorchEndToEndResult {
  name: 'end-to-end';
  preset: string;
  backend: 'pytorch';
  backend_detail: string;
  examples: number;
  batch_size: number;
  steps: number;
  wall_s: number;
  peak_rss_mb: number;
}

/** The equivalent PyTorch training loop over the batches in `featuresFile` (written by bench/end-to-end.ts). */
export async function runPytorchEndToEnd(python: string, featuresFile: string): Promise<PytorchEndToEndResult> {
  const { stdout } = await run(python, [path.join(import.meta.dirname, 'pytorch_end_to_end.py'), '--features', featuresFile], { env: pytorchEnvironment(), timeout: 60 * 60_000, maxBuffer: 16 * 2 ** 20 });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '') as PytorchEndToEndResult;
}
