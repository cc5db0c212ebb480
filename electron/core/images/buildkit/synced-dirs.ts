import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { locateDockerfile, realContextDir, type BuildContextOptions, type ContextStats } from '../build-context';
import { contextFilter, readDockerignore, readDockerignoreFile } from '../dockerignore';
import { listFolder, type SyncedDir } from './folder-walk';

export interface BuildKitFiles {
  /** `context` and `dockerfile`, as the engine asks for them through the session. */
  dirs: Map<string, SyncedDir>;
  /** The `dockerfile` parameter of POST /build: the Dockerfile's name in its folder. */
  dockerfileName: string;
  /** What the engine took of the context: entries listed, bytes of the files it asked for. */
  stats: ContextStats;
}

/** The name an inline Dockerfile is served under. */
const INLINE_NAME = 'Dockerfile';

/**
 * What BuildKit reads through the session, as docker's BuildKit client lays it out: the
 * context folder with its ignore rules (a `<Dockerfile>.dockerignore` beside the Dockerfile
 * replaces `.dockerignore`; nothing is forced in), and the Dockerfile from its own folder, or
 * from memory when inline, so it never joins the context. `exclude`: files never sent
 * (build secret files that lie in the context).
 */
export async function buildKitFiles(options: BuildContextOptions, exclude: string[]): Promise<BuildKitFiles> {
  const who = options.service ? `service ${options.service}: ` : '';
  const contextDir = await realContextDir(options.contextDir, who);
  const dockerfile = await locateDockerfile(contextDir, options, who);
  const beside = dockerfile.file ? await readDockerignoreFile(`${dockerfile.file}.dockerignore`) : undefined;
  const patterns = beside?.text !== undefined ? beside.patterns : (await readDockerignore(contextDir)).patterns;
  const filter = contextFilter(patterns, undefined, false);
  const excluded = new Set(await Promise.all(exclude.map((file) => realpath(file).catch(() => file))));
  const stats: ContextStats = { bytes: 0, entries: 0 };
  const context: SyncedDir = {
    dir: contextDir,
    stats,
    excludes: (rel) => excluded.has(path.join(contextDir, rel)) || filter.excludes(rel),
    mustEnter: (rel) => filter.mustEnter(rel),
  };
  // Listed now, while the session opens and the engine starts; the engine asks for it later.
  const listing = listFolder(context);
  listing.catch(() => undefined);
  context.listing = () => listing;
  const none = () => false;
  const dockerfileDir: SyncedDir = dockerfile.file
    ? { dir: path.dirname(dockerfile.file), excludes: none, mustEnter: none }
    : { dir: contextDir, excludes: none, mustEnter: none, virtual: new Map([[INLINE_NAME, dockerfile.text]]) };
  return {
    dirs: new Map([
      ['context', context],
      ['dockerfile', dockerfileDir],
    ]),
    dockerfileName: dockerfile.file ? path.basename(dockerfile.file) : INLINE_NAME,
    stats,
  };
}
