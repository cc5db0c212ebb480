import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type Docker from 'dockerode';
import { pack } from 'tar-stream';
import type { FileMount, FileObject, Project } from '../../../shared/model/project';
import { SlipwayError, errorMessage } from '../../../shared/errors';

/**
 * A service's secrets and configs as Compose puts them in a container
 * (pkg/compose/create.go buildContainer{Secret,Config}Mounts, secrets.go):
 * - from a `file:` — a read-only bind mount;
 * - from `environment:` or (configs) `content:` — written into the created container before
 *   it starts, with `mode` (default 0444), `uid` and `gid`;
 * - from a `file:` with `uid`, `gid` or `mode` — Compose ignores those (with a warning);
 *   Slipway writes the file's content in with them instead of binding it, so they hold.
 * Secrets go to /run/secrets/NAME (a relative target is under /run/secrets); configs to
 * /NAME (a relative target is under /).
 */
export interface FileObjectMount {
  kind: 'secret' | 'config';
  /** The key under the top-level secrets:/configs:. */
  key: string;
  target: string;
  /** A host file (bind mounted), or content written into the container. */
  from: { file: string } | { content: string | Buffer };
  uid?: string;
  gid?: string;
  mode?: number;
}

const DEFAULT_MODE = 0o444;

function targetOf(kind: FileObjectMount['kind'], mount: FileMount): string {
  const base = kind === 'secret' ? '/run/secrets/' : '/';
  if (!mount.target) return `${base}${mount.source}`;
  return mount.target.startsWith('/') ? mount.target : `${base}${mount.target}`;
}

function contentSource(project: Project, kind: FileObjectMount['kind'], key: string, definition: FileObject, mount: FileMount): FileObjectMount['from'] {
  if (definition.external) throw new SlipwayError('compose_unsupported', `${kind} ${key} is external: Docker Compose (and Slipway) cannot mount external ${kind}s`, `Give ${kind}s.${key} a file: or an environment: instead.`);
  if (definition.driver || definition.template_driver) throw new SlipwayError('compose_unsupported', `${kind}s.${key}: driver and template_driver are Swarm-only`, `Give ${kind}s.${key} a file: or an environment: instead.`);
  if (typeof definition.environment === 'string') {
    const value = project.fileObjectValues?.[definition.environment];
    if (value === undefined) throw new SlipwayError('compose_env_missing', `environment variable "${definition.environment}" required by ${kind} "${key}" is not set`, `Set ${definition.environment} in the environment or in .env.`);
    return { content: value };
  }
  if (kind === 'config' && typeof definition.content === 'string') return { content: definition.content };
  if (typeof definition.file === 'string') {
    if (mount.uid === undefined && mount.gid === undefined && mount.mode === undefined) return { file: definition.file };
    try {
      return { content: readFileSync(definition.file) };
    } catch (error) {
      throw new SlipwayError('compose_invalid', `${kind} "${key}": cannot read ${definition.file}: ${errorMessage(error)}`, `Create the file, or fix ${kind}s.${key}.file.`);
    }
  }
  throw new SlipwayError('compose_invalid', `${kind}s.${key} has no file:, environment:${kind === 'config' ? ' or content:' : ''}`, `Say where the ${kind}'s content comes from.`);
}

/** The secrets and configs one service uses, resolved against the project. */
export function fileObjectMounts(project: Project, service: string): FileObjectMount[] {
  const config = project.model.services[service] ?? {};
  const out: FileObjectMount[] = [];
  const lists: [FileObjectMount['kind'], FileMount[] | undefined, Record<string, FileObject> | undefined][] = [
    ['secret', config.secrets, project.model.secrets],
    ['config', config.configs, project.model.configs],
  ];
  for (const [kind, mounts, definitions] of lists) {
    for (const mount of mounts ?? []) {
      const definition = definitions?.[mount.source];
      if (!definition) throw new SlipwayError('compose_invalid', `service ${service} uses undefined ${kind} ${mount.source}`, `Declare it under the top-level ${kind}s:.`);
      out.push({
        kind,
        key: mount.source,
        target: targetOf(kind, mount),
        from: contentSource(project, kind, mount.source, definition, mount),
        ...(mount.uid !== undefined ? { uid: mount.uid } : {}),
        ...(mount.gid !== undefined ? { gid: mount.gid } : {}),
        ...(mount.mode !== undefined ? { mode: mount.mode } : {}),
      });
    }
  }
  return out;
}

/**
 * A digest of what the service's secrets and configs hold and where they go: part of the
 * config hash, so a changed secret recreates the services that use it. The values themselves
 * never leave this function.
 */
export function fileObjectDigest(mounts: FileObjectMount[]): string | undefined {
  if (mounts.length === 0) return undefined;
  const hash = createHash('sha256');
  for (const m of mounts) {
    hash.update(`${m.kind}\0${m.key}\0${m.target}\0${m.uid ?? ''}\0${m.gid ?? ''}\0${m.mode ?? ''}\0`);
    if ('content' in m.from) hash.update(m.from.content);
    else {
      try {
        hash.update(readFileSync(m.from.file));
      } catch {
        hash.update(`missing:${m.from.file}`);
      }
    }
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Writes the content-based secrets and configs into a created (not yet started) container. */
export async function injectFileObjects(docker: Docker, containerId: string, service: string, readOnly: boolean, mounts: FileObjectMount[]): Promise<void> {
  const written = mounts.filter((m): m is FileObjectMount & { from: { content: string | Buffer } } => 'content' in m.from);
  if (written.length === 0) return;
  if (readOnly) {
    const first = written[0];
    throw new SlipwayError('compose_invalid', `cannot create ${first?.kind ?? 'secret'} "${first?.key ?? ''}" in read-only service ${service}: \`file\` is the sole supported option`, 'Use a file: source, or drop read_only.');
  }
  const tar = pack();
  for (const m of written) {
    const body = typeof m.from.content === 'string' ? Buffer.from(m.from.content, 'utf8') : m.from.content;
    tar.entry({
      name: m.target.replace(/^\/+/, ''),
      size: body.length,
      mode: m.mode ?? DEFAULT_MODE,
      uid: numericId(m.uid, 'uid', m),
      gid: numericId(m.gid, 'gid', m),
      mtime: new Date(),
    }, body);
  }
  tar.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of tar) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  try {
    await docker.getContainer(containerId).putArchive(Buffer.concat(chunks), { path: '/', ...(written.some((m) => m.uid || m.gid) ? { copyUIDGID: true } : {}) });
  } catch (error) {
    throw new SlipwayError('start_failed', `Service ${service}: its secrets and configs could not be written into the container: ${errorMessage(error)}`);
  }
}

function numericId(value: string | undefined, what: 'uid' | 'gid', m: FileObjectMount): number {
  if (value === undefined || value === '') return 0;
  if (!/^\d+$/.test(value)) throw new SlipwayError('compose_invalid', `${m.kind} ${m.key}: ${what} must be a number, not ${JSON.stringify(value)}`, `Write the numeric ${what}.`);
  return Number(value);
}
