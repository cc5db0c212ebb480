import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/**
 * The sandboxed preload must be one small CommonJS file that requires nothing but
 * 'electron' and bundles no schema library (the main process validates every input).
 */
describe('preload bundle', () => {
  it('is small CommonJS that requires only electron, and exposes exactly one object', async () => {
    const result = await build({
      entryPoints: ['electron/preload/index.ts'],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      external: ['electron'],
      write: false,
      logLevel: 'silent',
    });
    const code = result.outputFiles[0]?.text ?? '';
    const requires = [...code.matchAll(/require\(["']([^"']+)["']\)/g)].map((m) => m[1]);
    expect([...new Set(requires)]).toEqual(['electron']);
    expect(code.length).toBeLessThan(8_000);
    expect(code).not.toMatch(/zod|ZodType/);
    expect(code.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(code).toMatch(/exposeInMainWorld\("slipway"/);
    // The page never gets ipcRenderer itself or an IPC event object.
    expect(code).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
  });
});
