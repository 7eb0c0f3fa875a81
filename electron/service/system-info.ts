// What the app tells a person about the machine it trains on.
import os from 'node:os';
import type { AppMode, BackendInfo, NativeBackendStatus, SystemInfo } from '../contract';
import { nativeCpuAddonPath } from '../../core/native-cpu/addon-path-node';
import { buildNativeCpu, nativeBuildPrerequisites } from '../../core/native-cpu/build-native.mjs';
import packageJson from '../../package.json' with { type: 'json' };
import { ServiceError } from './host';
import type { RunsBackend } from './runs-backend';

/** The fast CPU backend: built, buildable here (the Overview offers it), or what to install. */
export function nativeBackendStatus(): NativeBackendStatus {
  if (nativeCpuAddonPath()) return { state: 'built' };
  const prerequisites = nativeBuildPrerequisites();
  return prerequisites.ok ? { state: 'buildable', command: 'npm run build:native' } : { state: 'unavailable', missing: prerequisites.missing, install: prerequisites.hint };
}

/**
 * Where the backend comes from: the probe's (a worker that measured the backend runs get),
 * else `workerBackend`, the backend a task worker chose (the same chain on the same
 * machine). The service process itself loads no TensorFlow.js.
 */
export interface BackendSources {
  runsBackend: RunsBackend;
  workerBackend: () => Promise<BackendInfo>;
}

async function runsBackendInfo(sources: BackendSources): Promise<BackendInfo> {
  return (await sources.runsBackend.current())?.backend ?? (await sources.workerBackend());
}

/** Builds native-cpu (about a minute) and probes again, so that what the app shows is what the next run gets. */
export async function buildNativeBackend(mode: AppMode, sources: BackendSources): Promise<SystemInfo> {
  const result = await buildNativeCpu();
  if (!result.built) throw new ServiceError(`the fast CPU backend could not be built: ${result.reason}`);
  sources.runsBackend.invalidate();
  await sources.runsBackend.probe();
  return systemInfo(mode, sources);
}

export async function systemInfo(mode: AppMode, sources: BackendSources): Promise<SystemInfo> {
  const cpus = os.cpus();
  return {
    app: { name: 'BERT Workbench', version: packageJson.version, mode },
    backend: await runsBackendInfo(sources),
    nativeBackend: nativeBackendStatus(),
    platform: os.platform(),
    arch: os.arch(),
    cpu: { model: cpus[0]?.model.trim() ?? 'unknown', cores: cpus.length },
    memory: { totalBytes: os.totalmem(), freeBytes: os.freemem() },
    node: process.versions.node,
  };
}
