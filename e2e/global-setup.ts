// Starts the Hugging Face Hub stand-in (e2e/hub-stand-in.ts) and browser mode exactly as
// `npm start -- --web` does (minus the build, which `npm run e2e` runs first), with
// HF_ENDPOINT pointing at the stand-in and HF_HOME at a fresh cache, and hands the
// tokenised URL, the stand-in's pid and BERT-Tiny's commit to the specs.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Starts `script` with tsx and resolves with the first match of `pattern` in its output. */
function start(script: string, env: NodeJS.ProcessEnv, pattern: RegExp, what: string): Promise<{ child: ChildProcess; match: RegExpExecArray }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start within 90 s:\n${output}`)), 90_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = pattern.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({ child, match });
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.on('exit', (code) => reject(new Error(`${what} exited with ${code}:\n${output}`)));
  });
}

export default async function globalSetup(): Promise<() => Promise<void>> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'wb-e2e-home-'));
  const hfHome = mkdtempSync(path.join(os.tmpdir(), 'wb-e2e-hf-'));
  // A clean Hugging Face environment: the person's own cache, token and offline mode stay out of the tests.
  const base: NodeJS.ProcessEnv = { ...process.env, HF_HOME: hfHome };
  for (const name of ['HF_HUB_CACHE', 'HUGGINGFACE_HUB_CACHE', 'HF_TOKEN', 'HUGGING_FACE_HUB_TOKEN', 'HF_HUB_OFFLINE', 'HF_ENDPOINT']) delete base[name];
  const hub = await start('e2e/hub-stand-in.ts', base, /HUB (http:\/\/127\.0\.0\.1:\d+) ([0-9a-f]{40})/, 'the Hub stand-in');
  const endpoint = hub.match[1]!;
  const browser = await start(
    'electron/web/browser-mode-cli.ts',
    { ...base, HF_ENDPOINT: endpoint, WORKBENCH_PORT: '0', WORKBENCH_HOME: home },
    /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/,
    'browser mode',
  );
  Object.assign(process.env, {
    WORKBENCH_URL: browser.match[1]!,
    WORKBENCH_HOME: home,
    HUB_STANDIN_ENDPOINT: endpoint,
    HUB_STANDIN_PID: String(hub.child.pid),
    HUB_STANDIN_TINY_COMMIT: hub.match[2]!,
  });
  return async () => {
    browser.child.kill('SIGTERM');
    hub.child.kill('SIGTERM');
    // The cache holds only what the stand-in generated: nothing to keep.
    rmSync(hfHome, { recursive: true, force: true });
  };
}
