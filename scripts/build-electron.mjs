// Bundles the Electron main process (ESM) and the sandboxed preload (CommonJS, as
// sandboxed preloads must be) into dist/electron. TensorFlow.js packages and ONNX Runtime
// stay external: they locate their .wasm and native files relative to their own folders.
import { cpSync } from 'node:fs';
import { build } from 'esbuild';
import { bundleNative } from './bundle-native.mjs';
import { writeWebPage } from '../core/export/web-runtime-build.mjs';

// ESM bundles still meet require() calls in CommonJS dependencies; the banner gives them one.
// Its import is aliased: a bundled module importing createRequire itself would otherwise
// declare the name twice, and the whole bundle fails to load.
const esmRequire = { js: "import { createRequire as createRequireForBundle } from 'node:module'; const require = createRequireForBundle(import.meta.url);" };

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  // esbuild itself: only a checkout bundles the export page's runtime at run time (web-runtime-build.mjs).
  external: ['electron', '@tensorflow/*', 'webgpu', 'onnxruntime-node', 'esbuild'],
};

await Promise.all([
  build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.mjs', format: 'esm',
    banner: esmRequire }),
  build({ ...common, entryPoints: ['electron/worker/training-worker.ts'], outfile: 'dist/electron/training-worker.mjs', format: 'esm',
    banner: esmRequire }),
  build({ ...common, entryPoints: ['electron/worker/task-worker.ts'], outfile: 'dist/electron/task-worker.mjs', format: 'esm',
    banner: esmRequire }),
  build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs' }),
]);
// Modules find their assets relative to themselves (`new URL('../assets/…', import.meta.url)`);
// from dist/electron that is dist/assets.
cpSync('core/assets', 'dist/assets', { recursive: true });
// The TF.js export's browser page is found the same way: dist/electron/web, its runtime
// bundled from the core here, since the packaged app has no esbuild.
await writeWebPage('dist/electron/web');
// The native CPU backend and its OpenBLAS (dist/native), found beside dist/electron.
await bundleNative();
console.log('built dist/electron/main.mjs, training-worker.mjs, task-worker.mjs and preload.cjs');
