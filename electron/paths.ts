// Where the app's files are, whether it runs from a checkout (tsx) or from the bundle in
// dist/electron: the root is the nearest folder above this module with our package.json.
import { existsSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findAppRoot(start: string): string {
  let dir = start;
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'bert-workbench') return dir;
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`cannot find the bert-workbench folder above ${start}`);
    dir = parent;
  }
}

export const appRoot = findAppRoot(path.dirname(fileURLToPath(import.meta.url)));

export const paths = {
  root: appRoot,
  renderer: path.join(appRoot, 'dist', 'renderer'),
  samples: path.join(appRoot, 'datasets', 'samples'),
  /** Where runs live unless WORKBENCH_HOME says otherwise (runs are folders: docs/DESIGN.md). */
  home: process.env.WORKBENCH_HOME ?? path.join(os.homedir(), '.bert-workbench'),
};
