// The workbench service: the handlers behind every method of the contract. Both routes
// (Electron IPC, browser-mode WebSocket) wrap the same ServiceHost built here.
import type { AppMode, SampleInfo } from '../contract';
import { ServiceHost } from './host';
import { presetInfos } from './presets';
import { systemInfo } from './system-info';

export interface WorkbenchOptions {
  mode: AppMode;
  listSamples: () => Promise<SampleInfo[]>;
}

export function createWorkbenchService(options: WorkbenchOptions): ServiceHost {
  return new ServiceHost({
    'system.info': () => systemInfo(options.mode),
    'models.presets': async () => presetInfos(),
    'datasets.samples': () => options.listSamples(),
  });
}
