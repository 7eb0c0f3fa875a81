// The exported page's runtime, bert-runtime.js, bundled by esbuild from the core's own
// modules (entry: web/bert-runtime.ts). The core's one TensorFlow.js import, core/tf.ts,
// becomes the `tf` global that the page's tf.min.js defines, so the page loads one
// TensorFlow.js, the version the app runs; an import that reaches TensorFlow.js another
// way, or a Node module (platform 'browser'), fails the build instead of slipping in.
//
// When it is built: `npm run build:electron` writes it into dist/electron/web beside the
// page's static files, because the packaged app has no esbuild (a devDependency, whose
// native binary could not run from inside the asar archive anyway). A checkout (the CLI
// under tsx, the tests, browser mode) builds it from the sources on first use in each
// process, so it is never stale there and a clean clone needs no build step for it.
// Plain JavaScript, like core/native-cpu/build-native.mjs, so that
// scripts/build-electron.mjs imports it without a TypeScript loader.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const RUNTIME_FILE = 'bert-runtime.js';
/** The global bert-runtime.js defines (a top-level `var` of the classic script). */
export const RUNTIME_GLOBAL = 'BertWorkbench';
/** The page's hand-written files, copied as they are. */
export const STATIC_PAGE_FILES = ['index.html', 'app.js'];
const RUNTIME_ENTRY = 'bert-runtime.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const CORE_TF = path.join(here, '..', 'tf.ts');

/**
 * The folder of the page's files: core/export/web in a checkout (sources: the entry, no
 * bundle), dist/electron/web in the built app (where this module is bundled into
 * dist/electron/main.mjs: the static files and the bundle, no sources).
 */
export function webAssetsDir() {
  return path.join(here, 'web');
}

const BANNER = `// bert-runtime.js: BERT Workbench's own tokenizer, encoder and task heads (core/), bundled for
// the browser from core/export/web/bert-runtime.ts. It runs on the page's TensorFlow.js:
// load tf.min.js before it. Defines ${RUNTIME_GLOBAL} (see the export's README.md).`;

/** esbuild plugin: core/tf.ts is the page's `tf`; any other road to TensorFlow.js is an error. */
const pageTensorFlow = {
  name: 'page-tensorflow',
  setup(build) {
    build.onResolve({ filter: /^@tensorflow\// }, (args) => ({
      errors: [{ text: `${args.importer} imports ${args.path}: the page's runtime reaches TensorFlow.js only through core/tf.ts (the page's tf.min.js)` }],
    }));
    build.onResolve({ filter: /(^|\/)tf(\.ts)?$/ }, (args) => {
      const resolved = path.resolve(args.resolveDir, args.path);
      return resolved === CORE_TF || `${resolved}.ts` === CORE_TF ? { path: 'tf', namespace: 'page-tf' } : undefined;
    });
    build.onLoad({ filter: /.*/, namespace: 'page-tf' }, () => ({
      contents: "if (typeof tf === 'undefined') throw new Error('bert-runtime.js runs on TensorFlow.js: load tf.min.js before it');\nmodule.exports = tf;\n",
      loader: 'js',
    }));
  },
};

/** The bundle's text and esbuild's metafile (which source files went into it). */
export async function bundleWebRuntime() {
  // Imported here, not at the top: the built app, which never bundles, has no esbuild.
  let build;
  try {
    ({ build } = await import('esbuild'));
  } catch (error) {
    throw new Error(`the TF.js export builds its page's runtime from the core's sources with esbuild, which is not installed (${error instanceof Error ? error.message : String(error)}): run \`npm install\` in the checkout`);
  }
  const result = await build({
    entryPoints: [path.join(webAssetsDir(), RUNTIME_ENTRY)],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: RUNTIME_GLOBAL,
    platform: 'browser',
    target: 'es2022',
    // Readable: a person can follow the core's functions in the export's own copy.
    minify: false,
    charset: 'utf8',
    legalComments: 'none',
    banner: { js: BANNER },
    metafile: true,
    logLevel: 'silent',
    plugins: [pageTensorFlow],
  });
  const [output] = result.outputFiles;
  return { code: output.text, metafile: result.metafile };
}

let checkoutBundle;

/** bert-runtime.js: the built app's (written by build:electron), or bundled from a checkout's sources (once per process). */
export async function webRuntimeSource(dir = webAssetsDir()) {
  if (!existsSync(path.join(dir, RUNTIME_ENTRY))) return readFile(path.join(dir, RUNTIME_FILE), 'utf8');
  checkoutBundle ??= bundleWebRuntime().then(
    (bundle) => bundle.code,
    (error) => {
      checkoutBundle = undefined; // the next export tries again, e.g. after a fix to the sources
      throw error;
    },
  );
  return checkoutBundle;
}

/** The page's files by name: index.html, app.js and bert-runtime.js. */
export async function webPageFiles() {
  const files = new Map();
  for (const name of STATIC_PAGE_FILES) files.set(name, await readFile(path.join(webAssetsDir(), name)));
  files.set(RUNTIME_FILE, new TextEncoder().encode(await webRuntimeSource()));
  return files;
}

/** Writes the page's files, the runtime bundled, into `outDir` (build:electron: dist/electron/web). */
export async function writeWebPage(outDir) {
  await mkdir(outDir, { recursive: true });
  for (const [name, bytes] of await webPageFiles()) await writeFile(path.join(outDir, name), bytes);
}
