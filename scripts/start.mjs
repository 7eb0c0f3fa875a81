#!/usr/bin/env node
// `npm start`: build what is missing, then open the Electron window. Where the Electron
// binary is missing or cannot start (no download possible, no display), serve the same
// UI in browser mode on 127.0.0.1 and say why. `npm start -- --web` forces browser mode.
// The fast CPU backend (core/native-cpu) is built on first use when a compiler and
// OpenBLAS are there; otherwise one line says what to install.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { addonIsCurrent, buildNativeCpu, nativeBuildPrerequisites } from '../core/native-cpu/build-native.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const forceWeb = args.includes('--web');
const portIndex = args.indexOf('--port');
const port = portIndex >= 0 ? args[portIndex + 1] : process.env.WORKBENCH_PORT;

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

function run(command, commandArgs) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function ensureRendererBuilt() {
  const index = path.join(root, 'dist', 'renderer', 'index.html');
  const stale = !existsSync(index) || newestMtime(path.join(root, 'renderer')) > statSync(index).mtimeMs;
  if (stale) {
    console.log('Building the UI (vite build)…');
    run(process.execPath, [path.join(root, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn']);
  }
}

/** One line either way: built (or already there: silent), or what to install. */
async function ensureNativeBackend() {
  if (addonIsCurrent() || (process.env.WORKBENCH_BACKEND && process.env.WORKBENCH_BACKEND !== 'native-cpu')) return;
  const prerequisites = nativeBuildPrerequisites();
  if (!prerequisites.ok) {
    console.log(`Fast CPU backend: not built (${prerequisites.missing} missing; install with \`${prerequisites.hint}\`, then run npm start again); training runs on wasm meanwhile.`);
    return;
  }
  process.stdout.write('Building the fast CPU backend (native-cpu, OpenBLAS; once, about a minute)… ');
  const result = await buildNativeCpu();
  console.log(result.built ? `done${result.seconds ? ` in ${result.seconds.toFixed(0)} s` : ''}.` : `failed: ${result.reason}; training runs on wasm.`);
}

/** The Electron binary's path, downloading it once if npm skipped that (see .npmrc); or why not. */
function electronBinary() {
  const locate = () => {
    const resolved = require('electron');
    if (typeof resolved !== 'string' || !existsSync(resolved)) throw new Error('the Electron binary is not installed');
    return resolved;
  };
  try {
    return { path: locate() };
  } catch {
    console.log('The Electron binary is not installed; trying to download it once…');
    const install = spawnSync(process.execPath, [require.resolve('electron/install.js')], { cwd: root, encoding: 'utf8', timeout: 180_000 });
    try {
      return { path: locate() };
    } catch {
      const detail = `${install.stderr ?? ''}`.trim().split('\n').find((l) => /Error|error/.test(l)) ?? 'download failed';
      return { reason: `the Electron binary could not be downloaded (${detail.trim()})` };
    }
  }
}

function startBrowserMode(reason) {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'electron', 'web', 'browser-mode-cli.ts')], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, WORKBENCH_FALLBACK_REASON: reason, ...(port ? { WORKBENCH_PORT: port } : {}) },
  });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code) => process.exit(code ?? 0));
}

function startElectron(binary) {
  run(process.execPath, [path.join(root, 'scripts', 'build-electron.mjs')]);
  const started = Date.now();
  let stderr = '';
  const child = spawn(binary, [root], { cwd: root, stdio: ['inherit', 'inherit', 'pipe'] });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    process.stderr.write(chunk);
  });
  child.on('error', (error) => startBrowserMode(`Electron could not start (${error.message})`));
  child.on('exit', (code) => {
    // A quick non-zero exit means Electron could not run here (no display, missing libraries).
    if (code !== 0 && Date.now() - started < 15_000) {
      const line = stderr.trim().split('\n').find((l) => l.trim() !== '') ?? `exit code ${code}`;
      startBrowserMode(`Electron could not start (${line.trim()})`);
    } else process.exit(code ?? 0);
  });
}

ensureRendererBuilt();
await ensureNativeBackend();
if (forceWeb) {
  startBrowserMode('started with --web');
} else {
  const binary = electronBinary();
  if (binary.path) startElectron(binary.path);
  else startBrowserMode(binary.reason);
}
