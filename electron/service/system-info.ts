// What the app tells a person about the machine it trains on.
import os from 'node:os';
import type { AppMode, BackendInfo, SystemInfo } from '../contract';
import packageJson from '../../package.json' with { type: 'json' };

/** `backend` comes from a worker: the service process itself loads no TensorFlow.js. */
export function systemInfo(mode: AppMode, backend: BackendInfo): SystemInfo {
  const cpus = os.cpus();
  return {
    app: { name: 'BERT Workbench', version: packageJson.version, mode },
    backend,
    platform: os.platform(),
    arch: os.arch(),
    cpu: { model: cpus[0]?.model.trim() ?? 'unknown', cores: cpus.length },
    memory: { totalBytes: os.totalmem(), freeBytes: os.freemem() },
    node: process.versions.node,
  };
}
