// Types of build-native.mjs for the TypeScript that imports it.
export const ADDON_PATH: string;

export type NativeBuildPrerequisites = { ok: true } | { ok: false; missing: string; hint: string };
export function nativeBuildPrerequisites(): NativeBuildPrerequisites;
export function installHint(): string;
export function addonIsCurrent(): boolean;

export type NativeBuildResult = { built: true; already?: true; seconds?: number } | { built: false; reason: string };
export function buildNativeCpu(options?: { force?: boolean }): Promise<NativeBuildResult>;
