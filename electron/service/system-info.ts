// What the app tells a person about the machine it trains on.
import os from 'node:os';
import type { AppMode, BackendInfo, NativeBackendStatus, SystemInfo } from '../contract';
import { initNodeBackend } from '../../core/backend/node-backends';
import { describeChoice } from '../../core/backend/select';
import { buildNativeCpu, nativeBuildPrerequisites } from '../../core/native-cpu/build-native.mjs';
import { nativeCpuAddonPath } from '../../core/native-cpu/native-cpu-node';
import packageJson from '../../package.json' with { type: 'json' };
import { ServiceError } from './host';
import type { RunsBackend } from './runs-backend';

/** The backend the core runs on in this process, or why none could load. */
export async function describeBackend(): Promise<BackendInfo> {
  try {
    const choice = await initNodeBackend();
    return describeChoice(choice);
  } catch (error) {
    return { name: null, description: 'no backend', reason: error instanceof Error ? error.message : String(error) };
  }
}

/** The fast CPU backend: built, buildable here (the Overview offers it), or what to install. */
export function nativeBackendStatus(): NativeBackendStatus {
  if (nativeCpuAddonPath()) return { state: 'built' };
  const prerequisites = nativeBuildPrerequisites();
  return prerequisites.ok ? { state: 'buildable', command: 'npm run build:native' } : { state: 'unavailable', missing: prerequisites.missing, install: prerequisites.hint };
}

/** The backend runs train on: as a worker found it (the probe), else the service's own choice (the same chain on the same machine). */
async function runsBackendInfo(runsBackend: RunsBackend | undefined): Promise<BackendInfo> {
  return (await runsBackend?.current())?.backend ?? (await describeBackend());
}

/** Builds native-cpu (about a minute) and probes again, so that what the app shows is what the next run gets. */
export async function buildNativeBackend(mode: AppMode, runsBackend: RunsBackend): Promise<SystemInfo> {
  const result = await buildNativeCpu();
  if (!result.built) throw new ServiceError(`the fast CPU backend could not be built: ${result.reason}`);
  runsBackend.invalidate();
  await runsBackend.probe();
  return systemInfo(mode, runsBackend);
}

export async function systemInfo(mode: AppMode, runsBackend?: RunsBackend): Promise<SystemInfo> {
  const cpus = os.cpus();
  return {
    app: { name: 'BERT Workbench', version: packageJson.version, mode },
    backend: await runsBackendInfo(runsBackend),
    nativeBackend: nativeBackendStatus(),
    platform: os.platform(),
    arch: os.arch(),
    cpu: { model: cpus[0]?.model.trim() ?? 'unknown', cores: cpus.length },
    memory: { totalBytes: os.totalmem(), freeBytes: os.freemem() },
    node: process.versions.node,
  };
}
