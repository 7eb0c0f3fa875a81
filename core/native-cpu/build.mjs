#!/usr/bin/env node
// `npm run build:native`: (re)compiles the native CPU kernels (see build-native.mjs).
// Failing here is not fatal for the app: the backend chain skips native-cpu and says why.
import { ADDON_PATH, buildNativeCpu } from './build-native.mjs';

console.log('build:native: compiling the native CPU kernels (OpenBLAS)…');
const result = await buildNativeCpu({ force: true });
if (!result.built) {
  console.error(`build:native: ${result.reason}; the app still runs on the wasm backend.`);
  process.exit(1);
}
console.log(`build:native: built ${ADDON_PATH}${result.seconds ? ` in ${result.seconds.toFixed(0)} s` : ''}`);
