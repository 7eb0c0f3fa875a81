// Bundles the Electron main process (ESM) and the sandboxed preload (CommonJS, as
// sandboxed preloads must be) into dist/electron. TensorFlow.js packages stay external:
// they locate their .wasm and native files relative to their own folders.
import { build } from 'esbuild';

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
  build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.cjs', format: 'cjs' }),
]);
console.log('built dist/electron/main.mjs and dist/electron/preload.cjs');
