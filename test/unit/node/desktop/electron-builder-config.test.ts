import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';

/**
 * `npm run dist` cannot run here (electron-builder downloads Electron and its tools), so
 * the configuration is checked the way electron-builder would check it: against its own
 * JSON schema, plus every file it names must exist.
 */
const root = process.cwd();
interface BuilderConfig {
  directories: { buildResources: string };
  files: string[];
  extraResources: { from: string }[];
  mac: { target: unknown; hardenedRuntime: boolean; notarize: boolean; icon: string; entitlements: string; entitlementsInherit: string };
  linux: { target: { target: string }[]; icon: string };
  deb: { depends: string[] };
}
const config = parse(readFileSync(path.join(root, 'electron-builder.yml'), 'utf8')) as BuilderConfig;

describe('electron-builder.yml', () => {
  it('is valid against electron-builder\'s own schema (app-builder-lib/scheme.json)', () => {
    const schema = JSON.parse(readFileSync(path.join(root, 'node_modules', 'app-builder-lib', 'scheme.json'), 'utf8'));
    const ajv = new Ajv({ strict: false, allErrors: true });
    // The schema uses ajv-keywords' `typeof` for options that may be functions.
    ajv.addKeyword({ keyword: 'typeof', validate: (type: string, data: unknown) => typeof data === type });
    const validate = ajv.compile(schema);
    const valid = validate(config);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    // Compiling electron-builder's large schema takes seconds on a busy machine.
  }, 60_000);

  it('builds dmg and zip for x64 and arm64 with the hardened runtime, ready for notarisation', () => {
    expect(config.mac.target).toEqual([
      { target: 'dmg', arch: ['x64', 'arm64'] },
      { target: 'zip', arch: ['x64', 'arm64'] },
    ]);
    expect(config.mac.hardenedRuntime).toBe(true);
    expect(config.mac.notarize).toBe(true);
    const plist = readFileSync(path.join(root, config.mac.entitlements), 'utf8');
    expect(plist).toContain('com.apple.security.cs.allow-jit');
    expect(plist).not.toContain('disable-library-validation');
  });

  it('builds an AppImage and a deb with the icons, the tray icons going along', () => {
    expect(config.linux.target.map((t) => t.target)).toEqual(['AppImage', 'deb']);
    expect(config.deb.depends.join(' ')).toMatch(/appindicator/);
    for (const state of ['healthy', 'starting', 'failing', 'down', 'idle']) {
      expect(existsSync(path.join(root, 'electron', 'main', 'assets', `tray-${state}.png`))).toBe(true);
      expect(existsSync(path.join(root, 'electron', 'main', 'assets', `tray-${state}@2x.png`))).toBe(true);
    }
  });

  it('names only files that exist', () => {
    const named = [config.mac.icon, config.mac.entitlements, config.mac.entitlementsInherit, config.linux.icon, config.directories.buildResources, ...config.extraResources.map((r) => r.from)];
    for (const file of named) expect(existsSync(path.join(root, file)), file).toBe(true);
    // A mac icon must be at least 512x512 (PNG width/height at bytes 16-23).
    const png = readFileSync(path.join(root, config.mac.icon));
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512);
    expect(statSync(path.join(root, config.linux.icon)).isDirectory()).toBe(true);
    // `files` are build outputs and sources; their roots must exist in the source tree or be made by `npm run build`.
    const madeByBuild = ['dist/cli', 'dist/electron', 'dist/renderer'];
    for (const pattern of config.files) {
      if (pattern.startsWith('!')) continue;
      const base = pattern.replace(/\/\*\*.*$/, '');
      expect(madeByBuild.includes(base) || existsSync(path.join(root, base)), pattern).toBe(true);
    }
    // The entry point electron-builder packages is the one the build writes.
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
    expect(pkg.main).toBe('dist/electron/main.mjs');
    // build.mjs writes the main process as entry `main` into dist/electron (with .mjs as its extension).
    expect(readFileSync(path.join(root, 'scripts', 'build.mjs'), 'utf8')).toContain("esmBundle(common, 'main', 'electron/main/index.ts', 'dist/electron')");
  });
});
