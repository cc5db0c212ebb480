import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { z } from 'zod';

const root = fileURLToPath(new URL('../../..', import.meta.url));

const nodeBundles = z.object({
  nodeCommon: z.custom<(root: string, version: string) => object>((value) => typeof value === 'function'),
  cliBundles: z.custom<(common: object, outdir: string) => Promise<unknown>>((value) => typeof value === 'function'),
});

/**
 * Bundles the CLI from source as `npm run build` does (scripts/node-bundles.mjs: the entry and
 * the CommonJS rest beside it) in a folder of its own, so a test can run it as a process;
 * returns the entry. removeBundledCli takes the folder away.
 */
export async function bundleCli(tag: string): Promise<string> {
  const outdir = path.join(root, 'node_modules', '.cache', 'slipway-tests', `cli-${tag}-${process.pid}`);
  mkdirSync(outdir, { recursive: true });
  const { nodeCommon, cliBundles } = nodeBundles.parse(await import(pathToFileURL(path.join(root, 'scripts', 'node-bundles.mjs')).href));
  await cliBundles(nodeCommon(root, 'test'), outdir);
  return path.join(outdir, 'slipway.cjs');
}

export function removeBundledCli(entry: string): void {
  rmSync(path.dirname(entry), { recursive: true, force: true });
}
