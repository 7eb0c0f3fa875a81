// The service API, declared once: every method's parameter schema (checked at the
// service boundary, since messages come from outside the process) and result type.
// Both routes — Electron IPC and the browser-mode WebSocket — carry exactly this API.
import { z } from 'zod';
import type { PresetInfo, SampleInfo, SystemInfo } from './types';

const noParams = z.object({}).strict().optional();

export const methodParams = {
  'system.info': noParams,
  'models.presets': noParams,
  'datasets.samples': noParams,
} as const;

export type MethodName = keyof typeof methodParams;

export interface MethodResults {
  'system.info': SystemInfo;
  'models.presets': PresetInfo[];
  'datasets.samples': SampleInfo[];
}

export type MethodParams<M extends MethodName> = z.input<(typeof methodParams)[M]>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methodParams, name);
}
