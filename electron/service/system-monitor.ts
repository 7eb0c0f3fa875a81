// The system panel's data: while a run trains, the service samples the machine every few
// seconds — CPU (all cores, and the training process alone), memory (the machine's and
// the process's resident set) and, where nvidia-smi answers, GPU memory — appends each
// sample to the run folder's system.jsonl (so the chart survives a reload) and pushes it
// to the clients. The service does the sampling, not the worker: a worker busy in a long
// step could not answer, and the service sees the worker from outside, as `top` does.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, readFile } from 'node:fs/promises';
import { PRIVATE_FILE_MODE } from '../../core/io/private-modes';
import os from 'node:os';
import path from 'node:path';
import type { SystemSample } from '../contract';

export const SYSTEM_FILE = 'system.jsonl';
const SAMPLE_INTERVAL_MS = 2000;
/** Linux reports process CPU time in clock ticks; USER_HZ is 100 on every mainstream kernel. */
const CLOCK_TICKS_PER_SECOND = 100;
const NVIDIA_SMI_TIMEOUT_MS = 1500;

interface CpuTimes {
  busy: number;
  total: number;
}

function machineCpuTimes(): CpuTimes {
  let busy = 0;
  let total = 0;
  for (const cpu of os.cpus()) {
    const { user, nice, sys, irq, idle } = cpu.times;
    busy += user + nice + sys + irq;
    total += user + nice + sys + irq + idle;
  }
  return { busy, total };
}

/** utime + stime of a process in seconds, and its resident set, from /proc (Linux); undefined elsewhere. */
async function processUsage(pid: number): Promise<{ cpuSeconds: number; rssBytes: number } | undefined> {
  try {
    const [stat, status] = await Promise.all([readFile(`/proc/${pid}/stat`, 'utf8'), readFile(`/proc/${pid}/status`, 'utf8')]);
    // The command name (field 2) is in parentheses and may hold spaces: count fields after it.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const utime = Number(fields[11]);
    const stime = Number(fields[12]);
    const rss = /VmRSS:\s+(\d+)\s+kB/.exec(status);
    if (!Number.isFinite(utime) || !Number.isFinite(stime) || !rss) return undefined;
    return { cpuSeconds: (utime + stime) / CLOCK_TICKS_PER_SECOND, rssBytes: Number(rss[1]) * 1024 };
  } catch {
    return undefined;
  }
}

/** GPU memory in use and in all, summed over NVIDIA GPUs; undefined without nvidia-smi. */
function nvidiaMemory(): Promise<{ used: number; total: number } | undefined> {
  return new Promise((resolve) => {
    execFile('nvidia-smi', ['--query-gpu=memory.used,memory.total', '--format=csv,noheader,nounits'], { timeout: NVIDIA_SMI_TIMEOUT_MS }, (error, stdout) => {
      if (error) return resolve(undefined);
      let used = 0;
      let total = 0;
      for (const line of stdout.trim().split('\n')) {
        const [u, t] = line.split(',').map((part) => Number(part.trim()));
        if (!Number.isFinite(u) || !Number.isFinite(t)) return resolve(undefined);
        used += u! * 1024 * 1024;
        total += t! * 1024 * 1024;
      }
      resolve(total > 0 ? { used, total } : undefined);
    });
  });
}

export interface SystemMonitorOptions {
  runDir: (runId: string) => string;
  emit: (runId: string, sample: SystemSample) => void;
  intervalMs?: number;
}

/** Whether nvidia-smi is worth asking: tried once per service, dropped when it fails. */
let gpuQueryWorks: boolean | undefined;

/** Starts sampling for a worker; the returned function stops it. */
export function monitorWorker(runId: string, pid: number | undefined, options: SystemMonitorOptions): () => void {
  const started = Date.now();
  let cpu = machineCpuTimes();
  let processCpu: { seconds: number; at: number } | undefined;
  let stopped = false;
  let writes: Promise<void> = Promise.resolve();
  const file = path.join(options.runDir(runId), SYSTEM_FILE);

  const sampleOnce = async () => {
    const now = machineCpuTimes();
    const sample: SystemSample = {
      time: new Date().toISOString(),
      elapsed_s: (Date.now() - started) / 1000,
      cpu_percent: now.total > cpu.total ? (100 * (now.busy - cpu.busy)) / (now.total - cpu.total) : 0,
      memory_used_bytes: os.totalmem() - os.freemem(),
      memory_total_bytes: os.totalmem(),
    };
    cpu = now;
    const usage = pid === undefined ? undefined : await processUsage(pid);
    if (usage) {
      const at = Date.now();
      // Percent of the whole machine, like cpu_percent, so that both share one axis.
      if (processCpu) sample.process_cpu_percent = Math.max(0, (100 * (usage.cpuSeconds - processCpu.seconds)) / (((at - processCpu.at) / 1000) * os.cpus().length));
      processCpu = { seconds: usage.cpuSeconds, at };
      sample.process_rss_bytes = usage.rssBytes;
    }
    if (gpuQueryWorks !== false) {
      const gpu = await nvidiaMemory();
      gpuQueryWorks = gpu !== undefined;
      if (gpu) Object.assign(sample, { gpu_memory_used_bytes: gpu.used, gpu_memory_total_bytes: gpu.total });
    }
    if (stopped) return;
    options.emit(runId, sample);
    writes = writes.then(() => appendFile(file, JSON.stringify(sample) + '\n', { mode: PRIVATE_FILE_MODE })).catch(() => {}); // a missed sample is not worth failing a run
  };

  const timer = setInterval(() => void sampleOnce(), options.intervalMs ?? SAMPLE_INTERVAL_MS);
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}

/** The samples of a run, oldest first; a torn last line (crash mid-append) is skipped. */
export async function readSystemSamples(runDir: string): Promise<SystemSample[]> {
  const file = path.join(runDir, SYSTEM_FILE);
  if (!existsSync(file)) return [];
  const samples: SystemSample[] = [];
  for (const line of (await readFile(file, 'utf8')).split('\n')) {
    if (!line.trim()) continue;
    try {
      samples.push(JSON.parse(line) as SystemSample);
    } catch {
      // only the last line can be torn
    }
  }
  return samples;
}
