// The packaged app's Electron fuses (electron-builder.yml): what the binary refuses to do
// even when someone tampers with its environment or its files. Read and validated with
// electron-builder's own loader and schema, so a misspelt key fails here, not silently.
import { DebugLogger } from 'builder-util';
import { getConfig, validateConfiguration } from 'app-builder-lib/out/util/config/config';
import { describe, expect, it } from 'vitest';

describe('electron-builder.yml', () => {
  it('is a valid configuration whose fuses keep the binary from running as Node or loading unchecked code', async () => {
    const config = await getConfig(process.cwd(), null, null);
    await validateConfiguration(config, new DebugLogger(false));
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });
});
