#!/usr/bin/env node
// `npm run build:native`: compiles the native CPU kernels (binding.gyp) with node-gyp
// against this Node's own headers, so that no header download is needed offline.
// Failing here is not fatal for the app: the backend chain skips native-cpu and says why.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const require = createRequire(import.meta.url);

function fail(message) {
  console.error(`build:native: ${message}`);
  process.exit(1);
}

/** node-gyp: the one npm runs scripts with, the project's copy, or the one bundled with npm. */
function findNodeGyp() {
  const candidates = [process.env.npm_config_node_gyp];
  try {
    candidates.push(require.resolve('node-gyp/bin/node-gyp.js'));
  } catch {
    // not a dependency of this checkout
  }
  candidates.push(path.join(path.dirname(process.execPath), '..', 'lib', 'node_modules', 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  return candidates.find((candidate) => candidate && existsSync(candidate));
}

/** The install prefix holding include/node/node_api.h for the running Node, if any. */
function findNodeDir() {
  const prefix = path.resolve(path.dirname(process.execPath), '..');
  return existsSync(path.join(prefix, 'include', 'node', 'node_api.h')) ? prefix : undefined;
}

function openBlasPresent() {
  const pkgConfig = spawnSync('pkg-config', ['--exists', 'openblas']);
  if (pkgConfig.status === 0) return true;
  return ['/usr/include/cblas.h', '/usr/include/x86_64-linux-gnu/cblas.h', '/usr/include/aarch64-linux-gnu/cblas.h', '/usr/local/include/cblas.h', '/opt/homebrew/opt/openblas/include/cblas.h'].some(existsSync);
}

if (!openBlasPresent()) fail('OpenBLAS is not installed; on Debian/Ubuntu run `apt-get install -y libopenblas-dev`.');
const nodeGyp = findNodeGyp();
if (!nodeGyp) fail('node-gyp was not found (it ships with npm; run this through `npm run build:native`).');
const nodeDir = findNodeDir();
const args = [nodeGyp, 'rebuild', `--directory=${here}`, ...(nodeDir ? [`--nodedir=${nodeDir}`] : [])];
console.log(`build:native: node-gyp ${args.slice(1).join(' ')}`);
const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
if (result.status !== 0) fail(`node-gyp failed (exit ${result.status ?? result.signal}); the app still runs on the wasm backend.`);
console.log(`build:native: built ${path.join(here, 'build', 'Release', 'native_cpu.node')}`);
