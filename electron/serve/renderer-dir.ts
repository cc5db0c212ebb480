import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SlipwayError } from '../../shared/errors';

/** The built renderer: dist/renderer next to the bundled CLI (dist/cli, this code in dist/cli/chunks), or under the repo root. */
export function findRendererDir(env: Record<string, string | undefined> = process.env): string {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const candidates = [
    env.SLIPWAY_RENDERER_DIR,
    path.resolve(here, '..', 'renderer'),
    path.resolve(here, '..', '..', 'renderer'),
    path.resolve(here, '..', '..', 'dist', 'renderer'),
  ].filter((c): c is string => typeof c === 'string' && c.length > 0);
  const found = candidates.find((dir) => existsSync(path.join(dir, 'index.html')));
  if (!found) {
    throw new SlipwayError('not_built', 'The dashboard is not built (dist/renderer/index.html is missing)', 'Run `npm run build` in the Slipway folder first.');
  }
  return found;
}
