// What the app tells a person about the machine it trains on.
import os from 'node:os';
import type { AppMode, BackendInfo, SystemInfo } from '../contract';
import { initNodeBackend } from '../../core/backend/node-backends';
import { describeChoice } from '../../core/backend/select';
import packageJson from '../../package.json' with { type: 'json' };

/** The backend the core runs on in this process, or why none could load. */
export async function describeBackend(): Promise<BackendInfo> {
  try {
    const choice = await initNodeBackend();
    return describeChoice(choice);
  } catch (error) {
    return { name: null, description: 'no backend', reason: error instanceof Error ? error.message : String(error) };
  }
}

export async function systemInfo(mode: AppMode): Promise<SystemInfo> {
  const cpus = os.cpus();
  return {
    app: { name: 'BERT Workbench', version: packageJson.version, mode },
    backend: await describeBackend(),
    platform: os.platform(),
    arch: os.arch(),
    cpu: { model: cpus[0]?.model.trim() ?? 'unknown', cores: cpus.length },
    memory: { totalBytes: os.totalmem(), freeBytes: os.freemem() },
    node: process.versions.node,
  };
}
