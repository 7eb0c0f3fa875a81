// Building the native CPU kernels (binding.gyp) with node-gyp against this Node's own
// headers, so that no header download is needed offline. Plain JavaScript: `npm start`
// (scripts/start.mjs) imports it before anything is compiled, and the training worker and
// the service (TypeScript, build-native.d.mts) import the same functions.
//
// The addon is an N-API module: one build serves Node and Electron alike. A build runs
// at most once at a time across processes (a lock file beside the build folder), so
// `npm start` and a training worker that both find it missing do not collide.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const here = path.dirname(new URL(import.meta.url).pathname);
const require = createRequire(import.meta.url);

export const ADDON_PATH = path.join(here, 'build', 'Release', 'native_cpu.node');
const LOCK_PATH = path.join(here, 'build.lock');
/** A lock older than this is a build that died: it is taken over. */
const STALE_LOCK_MS = 10 * 60_000;

/**
 * Whether the checkout's addon is built from the sources it has now: a pull that changes
 * the kernels (src/, binding.gyp) makes the old addon stale, and it is rebuilt on next use
 * rather than loaded with functions the TypeScript side no longer matches.
 */
export function addonIsCurrent() {
  if (!existsSync(ADDON_PATH)) return false;
  const sourceDir = path.join(here, 'src');
  const sources = [path.join(here, 'binding.gyp'), ...(existsSync(sourceDir) ? readdirSync(sourceDir).map((name) => path.join(sourceDir, name)) : [])].filter(existsSync);
  const built = statSync(ADDON_PATH).mtimeMs;
  return sources.every((file) => statSync(file).mtimeMs <= built);
}

/** The packages that provide what a build needs, by platform: one line a person can run. */
export function installHint() {
  if (process.platform === 'darwin') return 'xcode-select --install && brew install openblas';
  if (process.platform === 'win32') return 'install Visual Studio Build Tools (C++) and OpenBLAS';
  return 'apt-get install -y build-essential python3 libopenblas-dev';
}

function runs(command, args) {
  try {
    return spawnSync(command, args, { stdio: 'ignore', timeout: 10_000 }).status === 0;
  } catch {
    return false;
  }
}

function openBlasPresent() {
  if (runs('pkg-config', ['--exists', 'openblas'])) return true;
  return ['/usr/include/cblas.h', '/usr/include/x86_64-linux-gnu/cblas.h', '/usr/include/aarch64-linux-gnu/cblas.h', '/usr/include/openblas/cblas.h', '/usr/local/include/cblas.h', '/opt/homebrew/opt/openblas/include/cblas.h'].some(existsSync);
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

/**
 * Whether the kernels can be built here: { ok: true } or { ok: false, missing, hint }
 * (what is missing, and the command that installs it). Nothing runs longer than a
 * version check.
 */
export function nativeBuildPrerequisites() {
  if (!existsSync(path.join(here, 'binding.gyp'))) return { ok: false, missing: 'the native sources (this is not a checkout)', hint: installHint() };
  const missing = [];
  if (!runs('c++', ['--version']) && !runs('g++', ['--version']) && !runs('clang++', ['--version'])) missing.push('a C++ compiler');
  if (!runs('make', ['--version']) && process.platform !== 'win32') missing.push('make');
  if (!runs('python3', ['--version']) && !runs('python', ['--version'])) missing.push('Python 3 (for node-gyp)');
  if (!openBlasPresent()) missing.push('OpenBLAS');
  if (!findNodeGyp()) missing.push('node-gyp (it ships with npm)');
  return missing.length === 0 ? { ok: true } : { ok: false, missing: missing.join(', '), hint: installHint() };
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Takes the build lock, waiting for another process's build; false when that build produced the addon meanwhile. */
async function acquireLock() {
  mkdirSync(here, { recursive: true });
  for (;;) {
    try {
      closeSync(openSync(LOCK_PATH, 'wx'));
      return true;
    } catch {
      let age = 0;
      try {
        age = Date.now() - statSync(LOCK_PATH).mtimeMs;
      } catch {
        continue; // released between the two calls
      }
      if (age > STALE_LOCK_MS) {
        rmSync(LOCK_PATH, { force: true });
        continue;
      }
      await sleep(500);
      if (!existsSync(LOCK_PATH) && existsSync(ADDON_PATH)) return false;
    }
  }
}

/**
 * Builds the addon unless it is there and current (addonIsCurrent). Resolves to { built: true, seconds } (or
 * { built: true, already: true }), or { built: false, reason } with a sentence saying what
 * to install or what failed; it never throws. Compiler output is kept, not printed:
 * the last lines of it are in `reason` when the build fails.
 */
export async function buildNativeCpu({ force = false } = {}) {
  if (!force && addonIsCurrent()) return { built: true, already: true };
  const prerequisites = nativeBuildPrerequisites();
  if (!prerequisites.ok) return { built: false, reason: `${prerequisites.missing} ${prerequisites.missing.includes(',') ? 'are' : 'is'} missing; install with: ${prerequisites.hint}` };
  const started = Date.now();
  if (!(await acquireLock())) return { built: true, already: true };
  try {
    if (!force && addonIsCurrent()) return { built: true, already: true };
    const nodeDir = findNodeDir();
    const args = [findNodeGyp(), 'rebuild', `--directory=${here}`, ...(nodeDir ? [`--nodedir=${nodeDir}`] : [])];
    const output = await new Promise((resolve) => {
      const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
      let text = '';
      child.stdout.on('data', (chunk) => (text += chunk));
      child.stderr.on('data', (chunk) => (text += chunk));
      child.on('error', (error) => resolve({ status: -1, text: error.message }));
      child.on('exit', (status, signal) => resolve({ status: status ?? signal, text }));
    });
    if (output.status !== 0 || !existsSync(ADDON_PATH)) {
      const tail = output.text.trim().split('\n').filter((line) => /error|Error|not found/.test(line)).slice(-2).join(' ').trim();
      return { built: false, reason: `node-gyp failed (exit ${output.status})${tail ? `: ${tail}` : ''}` };
    }
    return { built: true, seconds: (Date.now() - started) / 1000 };
  } finally {
    rmSync(LOCK_PATH, { force: true });
  }
}
