// Starts browser mode exactly as `npm start -- --web` does (minus the build, which
// `npm run e2e` runs first) and hands its tokenised URL to the specs.
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'wb-e2e-home-'));
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/web/browser-mode-cli.ts'], {
    env: { ...process.env, WORKBENCH_PORT: '0', WORKBENCH_HOME: home },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`browser mode did not start within 60 s:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    };
    child.stdout.on('data', read);
    child.stderr.on('data', read);
    child.on('exit', (code) => reject(new Error(`browser mode exited with ${code}:\n${output}`)));
  });
  process.env.WORKBENCH_URL = url;
  process.env.WORKBENCH_HOME = home;
  return async () => {
    child.kill('SIGTERM');
  };
}
