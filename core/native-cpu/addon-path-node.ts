// Where the compiled native-cpu addon is, without loading it (or TensorFlow.js): the
// service asks this to say whether the fast backend is built, and the loader to load it.
// In a checkout the addon is core/native-cpu/build/Release/native_cpu.node; the bundled
// app carries it in dist/native, beside dist/electron where this module is bundled.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ADDON_PATH as CHECKOUT_ADDON } from './build-native.mjs';

function addonCandidates(): string[] {
  return [CHECKOUT_ADDON, path.join(import.meta.dirname, '..', 'native', 'native_cpu.node')];
}

export function nativeCpuAddonPath(): string | undefined {
  return addonCandidates().find(existsSync);
}
