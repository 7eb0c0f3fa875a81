// Puts the native CPU backend into the bundle: dist/native/native_cpu.node, and beside it
// the shared libraries it links that are not part of the operating system (OpenBLAS and,
// on Debian, the gfortran runtime it needs). The addon looks beside itself first
// (RUNPATH $ORIGIN, binding.gyp), so an installed app gets native-cpu without OpenBLAS
// on the machine; electron-builder unpacks dist/native from the asar archive
// (electron-builder.yml), since native code cannot load from inside it.
//
// Linux: the libraries come from `ldd`. macOS and Windows builds need their own copies
// (install_name_tool / DLLs next to the addon); there the bundle carries the addon only.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ADDON_PATH, buildNativeCpu } from '../core/native-cpu/build-native.mjs';

/** Libraries every Linux system has; anything else the addon links is carried along. */
const SYSTEM_LIBRARIES = /^(linux-vdso|ld-linux|libc|libm|libpthread|libdl|librt|libstdc\+\+|libgcc_s)\.so/;

export async function bundleNative(outDir = path.join('dist', 'native')) {
  const built = await buildNativeCpu();
  if (!built.built) {
    console.log(`dist/native: not bundled (${built.reason}); the packaged app will train on wasm.`);
    return false;
  }
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  copyFileSync(ADDON_PATH, path.join(outDir, 'native_cpu.node'));
  const carried = [];
  if (process.platform === 'linux') {
    const listing = execFileSync('ldd', [ADDON_PATH], { encoding: 'utf8' });
    for (const line of listing.split('\n')) {
      const match = /^\s*(\S+) => (\/\S+)/.exec(line);
      if (!match || SYSTEM_LIBRARIES.test(match[1]) || !existsSync(match[2])) continue;
      copyFileSync(match[2], path.join(outDir, match[1])); // under its soname, as the loader asks for it
      carried.push(match[1]);
    }
  }
  console.log(`dist/native: native_cpu.node${carried.length > 0 ? ` with ${carried.join(', ')}` : ''}`);
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) await bundleNative();
