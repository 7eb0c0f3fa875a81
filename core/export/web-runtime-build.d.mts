// Types of web-runtime-build.mjs for the TypeScript that imports it.
import type { Metafile } from 'esbuild';

export const RUNTIME_FILE: string;
export const RUNTIME_GLOBAL: string;
export const STATIC_PAGE_FILES: readonly string[];
export function webAssetsDir(): string;
export function bundleWebRuntime(): Promise<{ code: string; metafile: Metafile }>;
/** `dir`: the page's folder (default webAssetsDir()). */
export function webRuntimeSource(dir?: string): Promise<string>;
export function webPageFiles(): Promise<Map<string, Uint8Array>>;
export function writeWebPage(outDir: string): Promise<void>;
