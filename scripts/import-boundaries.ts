// The layering rule of docs/ARCHITECTURE.md, checked: every relative import in the tree is
// resolved to the layer it lands in and compared with what the importing layer may use.
//
//   renderer      -> electron/contract only
//   electron      -> bench, electron/runs, datasets, core   (the service, the CLI, workers, the app)
//   bench         -> electron/runs, datasets, core           (it measures the app's own training job)
//   electron/runs -> datasets, core                          (the run pipeline: runs/ and predict/)
//   datasets      -> core
//   core          -> nothing else; TensorFlow.js through core/tf.ts, Node only in *-node.ts files
//   electron/contract: platform-neutral core and datasets files only (the renderer bundles it)
//
// Tests and testing helpers of the run pipeline may drive it from above (the CLI, the
// service's config check, the bench's PyTorch finder), as an end-to-end test does;
// nothing else may.
//
// Imports are read with TypeScript's own pre-processor (import, export-from, import(),
// require), so a rule cannot be dodged by formatting.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

export type Layer = 'core' | 'datasets' | 'bench' | 'electron' | 'electron/runs' | 'electron/contract' | 'renderer';

/** What each layer may import, besides itself. */
const ALLOWED: Readonly<Record<Layer, readonly Layer[]>> = {
  core: [],
  datasets: ['core'],
  bench: ['electron/runs', 'electron/contract', 'datasets', 'core'],
  'electron/runs': ['electron/contract', 'datasets', 'core'],
  electron: ['electron/runs', 'electron/contract', 'bench', 'datasets', 'core'],
  'electron/contract': ['datasets', 'core'],
  renderer: ['electron/contract'],
};

export interface Violation {
  file: string;
  line: number;
  specifier: string;
  rule: string;
}

/** The layer a repository-relative path belongs to (undefined: scripts, e2e, configs — free to import). */
export function layerOf(relativePath: string): Layer | undefined {
  const parts = relativePath.split(/[\\/]/);
  const top = parts[0];
  if (top === 'electron' && parts[1] === 'contract') return 'electron/contract';
  if (top === 'electron' && (parts[1] === 'runs' || parts[1] === 'predict')) return 'electron/runs';
  if (top === 'core' || top === 'datasets' || top === 'bench' || top === 'electron' || top === 'renderer') return top;
  return undefined;
}

/** Files that exist to be run under Node or only by tests, where the platform-neutral rules do not apply. */
function isNodeOnly(relativePath: string): boolean {
  // Import targets come without their extension.
  const base = path.basename(relativePath).replace(/\.(m?[jt]sx?)$/, '');
  const file = path.basename(relativePath);
  return base.endsWith('-node') || file.endsWith('.mjs') || base.endsWith('.test') || /(^|[-.])testing$/.test(base) || base === 'node-backends' || relativePath.includes('/testdata/');
}

/** Tests and their helpers (*.test.ts, testing*.ts). */
function isTestOnly(relativePath: string): boolean {
  const base = path.basename(relativePath).replace(/\.(m?[jt]sx?)$/, '');
  return base.endsWith('.test') || /(^|[-.])testing($|-)/.test(base);
}

function isTensorFlowPackage(specifier: string): boolean {
  return specifier.startsWith('@tensorflow/');
}

function isNodeBuiltin(specifier: string): boolean {
  return specifier.startsWith('node:');
}

/** Violations of one file, given its repository-relative path and its source text. */
export function checkFile(relativePath: string, source: string): Violation[] {
  const layer = layerOf(relativePath);
  if (!layer) return [];
  const violations: Violation[] = [];
  const info = ts.preProcessFile(source, true, true);
  const lineOf = (pos: number) => source.slice(0, pos).split('\n').length;
  for (const imported of info.importedFiles) {
    const specifier = imported.fileName;
    const report = (rule: string) => violations.push({ file: relativePath, line: lineOf(imported.pos), specifier, rule });
    if (specifier.startsWith('.')) {
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(relativePath.split(path.sep).join('/')), specifier));
      const targetLayer = layerOf(target);
      if (!targetLayer || targetLayer === layer) continue;
      if (layer === 'electron' && targetLayer === 'electron/contract') continue;
      if (layer === 'electron/runs' && (targetLayer === 'electron' || targetLayer === 'bench') && isTestOnly(relativePath)) continue;
      if (!ALLOWED[layer].includes(targetLayer)) report(`${layer} may not import ${targetLayer}`);
      else if (layer === 'electron/contract' && isNodeOnly(target)) report('the contract may import only platform-neutral files (the renderer bundles it)');
      continue;
    }
    if ((layer === 'core' || layer === 'electron/contract' || layer === 'renderer') && isNodeBuiltin(specifier) && !isNodeOnly(relativePath)) {
      report(`${layer} code outside *-node.ts files must not use Node's ${specifier}`);
    }
    if (layer === 'core' && isTensorFlowPackage(specifier) && !relativePath.startsWith('core/backend/') && relativePath !== 'core/tf.ts' && !relativePath.startsWith('core/native-cpu/') && !isNodeOnly(relativePath)) {
      report('core imports TensorFlow.js through core/tf.ts only');
    }
    if (layer === 'renderer' && (specifier === 'electron' || isTensorFlowPackage(specifier))) report(`the renderer must not import ${specifier}`);
  }
  return violations;
}

const SOURCE_FILE = /\.(m?[jt]sx?)$/;
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'release', 'build', 'test-results', 'playwright-report', '.git', '.lavapipe']);

function sourceFiles(root: string, dir = root): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir)) {
    if (SKIPPED_FOLDERS.has(name) || name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) files.push(...sourceFiles(root, full));
    else if (SOURCE_FILE.test(name) && !name.endsWith('.d.ts')) files.push(path.relative(root, full).split(path.sep).join('/'));
  }
  return files;
}

/** Every violation in the repository at `root`. */
export function checkTree(root: string): Violation[] {
  return sourceFiles(root)
    .filter((file) => layerOf(file) !== undefined)
    .flatMap((file) => checkFile(file, readFileSync(path.join(root, file), 'utf8')));
}

export function formatViolation(v: Violation): string {
  return `${v.file}:${v.line}: imports ${v.specifier} — ${v.rule}`;
}
