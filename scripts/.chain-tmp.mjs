import { build } from 'esbuild';
const [entry, target] = process.argv.slice(2);
const r = await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', write: false, metafile: true, external: ['electron', '@tensorflow/*', 'webgpu', 'onnxruntime-node'], logLevel: 'silent' });
const g = r.metafile.inputs; const prev = new Map([[entry, null]]); const q = [entry];
while (q.length) { const f = q.shift(); for (const i of g[f]?.imports ?? []) if (!prev.has(i.path)) { prev.set(i.path, f); q.push(i.path); } }
let p = target; const chain = []; while (p) { chain.push(p); p = prev.get(p); } console.log(chain.reverse().join('\n  -> '));
