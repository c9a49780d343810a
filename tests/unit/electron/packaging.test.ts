// The packaging config, checked against electron-builder's own schema, plus what we
// promise about it (fuses, targets, asar, what ships). A real `npm run dist` needs an
// Electron binary (docs/PACKAGING.md).
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const yaml: { load(text: string): unknown } = require('js-yaml');
interface BuilderConfigModule {
  validateConfiguration(
    config: unknown,
    logger: { isEnabled: boolean; add(): void },
  ): Promise<void>;
}
const {
  validateConfiguration,
}: BuilderConfigModule = require('app-builder-lib/out/util/config/config.js');

interface BuilderConfig {
  appId: string;
  asar: boolean;
  files: string[];
  electronFuses: Record<string, boolean>;
  win: { target: { target: string; arch: string[] }[] };
  linux: { target: { target: string; arch: string[] }[] };
  publish: { provider: string; url: string };
}

const load = async (): Promise<BuilderConfig> =>
  yaml.load(await readFile('build/electron-builder.yml', 'utf8')) as BuilderConfig;

describe('electron-builder config', () => {
  it("passes electron-builder's schema", async () => {
    const logger = { isEnabled: false, add: () => undefined };
    await expect(validateConfiguration(await load(), logger)).resolves.toBeUndefined();
    // and the schema does bite: a misspelt fuse is refused
    await expect(
      validateConfiguration({ ...(await load()), electronFuses: { runAsNod: false } }, logger),
    ).rejects.toThrow(/configuration/);
  });

  it('flips the security fuses', async () => {
    expect((await load()).electronFuses).toMatchObject({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      enableCookieEncryption: true,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('builds NSIS x64 and deb + AppImage for x64 and arm64 from asar', async () => {
    const config = await load();
    expect(config.appId).toBe('cn.waypost.desktop');
    expect(config.asar).toBe(true);
    expect(config.win.target).toEqual([{ target: 'nsis', arch: ['x64'] }]);
    expect(config.linux.target).toEqual([
      { target: 'deb', arch: ['x64', 'arm64'] },
      { target: 'AppImage', arch: ['x64', 'arm64'] },
    ]);
    expect(config.publish).toMatchObject({ provider: 'generic' });
    expect(config.files).toContain('dist/electron/**/*');
    expect(config.files).toContain('dist/renderer/**/*');
    expect(config.files).toContain('!**/*.map');
  });

  it('ships icons of the sizes the installers need', async () => {
    for (const size of [16, 32, 48, 64, 128, 256, 512]) {
      const png = PNG.sync.read(await readFile(`build/icons/${size}x${size}.png`));
      expect([png.width, png.height]).toEqual([size, size]);
    }
    const ico = await readFile('build/icon.ico');
    expect(ico.readUInt16LE(2)).toBe(1); // icon type
    expect(ico.readUInt16LE(4)).toBe(4); // 16, 32, 48, 256
  });
});
