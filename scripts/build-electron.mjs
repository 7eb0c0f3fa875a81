// Bundles the Electron main process (ESM) and the sandboxed preload (CommonJS, as
// sandboxed preloads must be) into dist/electron. TensorFlow.js packages stay external:
// they locate their .wasm and native files relative to their own folders.
import { cpSync } from 'node:fs';
import { build } from 'esbuild';
import { bundleNative } from './bundle-native.mjs';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  external: ['electron', '@tensorflow/*', 'webgpu'],
};

await Promise.all([
  build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.mjs', format: 'esm',
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" } }),
  build({ ...common, entryPoints: ['electron/worker/training-worker.ts'], outfile: 'dist/electron/training-worker.mjs', format: 'esm',
    banner: { js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);" } }),
  build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs' }),
]);
// Modules find their assets relative to themselves (`new URL('../assets/…', import.meta.url)`);
// from dist/electron that is dist/assets.
cpSync('core/assets', 'dist/assets', { recursive: true });
// The TF.js export's browser page (core/export/web) is found the same way: dist/electron/web.
cpSync('core/export/web', 'dist/electron/web', { recursive: true });
// The native CPU backend and its OpenBLAS (dist/native), found beside dist/electron.
await bundleNative();
console.log('built dist/electron/main.mjs, training-worker.mjs and preload.cjs');
