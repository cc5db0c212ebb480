import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile, type Plugin } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

/**
 * What the CLI loads before it knows its command (issue 16, CLI start-up): the entry's static
 * imports reach neither the core nor dockerode nor zod (the core is loaded on the first call),
 * and a bundled dockerode loads ssh2 only when an ssh:// engine is used.
 */
const root = path.resolve(import.meta.dirname, '..', '..', '..', '..');
mkdirSync(path.join(root, 'node_modules', '.cache'), { recursive: true });
const scratch = mkdtempSync(path.join(root, 'node_modules', '.cache', 'slipway-startup-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const pluginModule = z.object({ lazySshAgent: z.custom<Plugin>((value) => typeof value === 'object' && value !== null) });
const externalsModule = z.object({ BUNDLE_EXTERNALS: z.array(z.string()), REQUIRE_BANNER: z.string() });
const load = async <T>(schema: z.ZodType<T>, file: string): Promise<T> => schema.parse(await import(pathToFileURL(path.join(root, 'scripts', file)).href));

/** Every input the entry reaches through static imports (not dynamic ones). */
function staticallyReached(metafile: Metafile, entry: string): Set<string> {
  const reached = new Set([entry]);
  const queue = [entry];
  for (let file = queue.shift(); file !== undefined; file = queue.shift()) {
    for (const edge of metafile.inputs[file]?.imports ?? []) {
      if (edge.external || edge.kind === 'dynamic-import' || reached.has(edge.path)) continue;
      reached.add(edge.path);
      queue.push(edge.path);
    }
  }
  return reached;
}

describe('CLI start-up: what is loaded before it is needed', () => {
  it("the CLI entry's static imports reach neither the core nor dockerode nor the YAML parser", async () => {
    const { BUNDLE_EXTERNALS } = await load(externalsModule, 'bundle-externals.mjs');
    const entry = 'electron/cli/index.ts';
    const result = await build({ absWorkingDir: root, entryPoints: [entry], bundle: true, platform: 'node', format: 'esm', splitting: true, outdir: scratch, external: BUNDLE_EXTERNALS, metafile: true, write: false, logLevel: 'silent' });
    const reached = [...staticallyReached(result.metafile, entry)];
    // The commands come in the CommonJS bundle the entry runs through the code cache, once the ssh dial ahead has started.
    expect(reached).toContain('electron/cli/code-cache.ts');
    expect(reached.filter((f) => /^electron\/cli\/(run-cli|registry|commands\/)/.test(f))).toEqual([]);
    // None of the core: the ssh dial ahead, too, is in the bundle (one copy of the ssh state with the core's).
    const heavy = reached.filter((f) => f.startsWith('electron/core/') || /node_modules\/(dockerode|docker-modem|yaml|zod)\//.test(f));
    expect(heavy).toEqual([]);
  });

  it('a bundled dockerode loads ssh2 only when an ssh:// engine is used', async () => {
    const { lazySshAgent } = await load(pluginModule, 'lazy-ssh-agent.mjs');
    const { BUNDLE_EXTERNALS, REQUIRE_BANNER } = await load(externalsModule, 'bundle-externals.mjs');
    const source = path.join(scratch, 'probe.mjs');
    writeFileSync(source, [
      "import Docker from 'dockerode';",
      "import { createRequire } from 'node:module';",
      'const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((f) => f.includes(`${"/"}ssh2${"/"}`));',
      "const docker = new Docker({ protocol: 'ssh', host: '127.0.0.1', port: 1, username: 'nobody' });",
      'const before = loaded();',
      'await docker.ping().catch(() => undefined);',
      'console.log(JSON.stringify({ before, after: loaded() }));',
      'process.exit(0);',
    ].join('\n'));
    const outfile = path.join(scratch, 'probe-bundle.mjs');
    await build({ absWorkingDir: root, entryPoints: [source], outfile, bundle: true, platform: 'node', format: 'esm', external: BUNDLE_EXTERNALS, banner: { js: REQUIRE_BANNER }, plugins: [lazySshAgent], logLevel: 'silent' });
    const run = spawnSync(process.execPath, [outfile], { encoding: 'utf8', timeout: 60_000 });
    expect(run.status, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ before: false, after: true });
  }, 60_000);
});
