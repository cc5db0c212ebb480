import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Project } from '../../../shared/model/project';
import { errorMessage, isSlipwayError } from '../../../shared/errors';
import type { EngineProbe } from './engine-checks';
import { envExampleState } from './env-example';
import { isLocalEngine } from './local-engine';
import type { DoctorCheck, DoctorDeps } from './types';
import { listProjectContainers } from '../state/container-list';

export type ProjectLoad = { project: Project } | { error: { code: string; message: string; hint?: string } } | undefined;

export async function loadForDoctor(deps: DoctorDeps): Promise<ProjectLoad> {
  if (!deps.loadProject) return undefined;
  try {
    return { project: await deps.loadProject() };
  } catch (error) {
    if (isSlipwayError(error)) return { error: { code: error.code, message: error.message, ...(error.hint ? { hint: error.hint } : {}) } };
    return { error: { code: 'internal', message: errorMessage(error) } };
  }
}

export function composeCheck(load: ProjectLoad, requireProject = false): DoctorCheck {
  const base = { id: 'project.compose', title: 'Compose file valid' };
  if (!load) return { ...base, status: 'ok', message: 'No project open' };
  if ('error' in load) {
    if (load.error.code === 'compose_not_found' && !requireProject) return { ...base, status: 'warn', message: load.error.message, fix: { kind: 'command', command: load.error.hint ?? 'Run slipway in your project folder.' } };
    return { ...base, status: 'fail', message: load.error.message, fix: { kind: 'command', command: load.error.hint ?? 'Fix the compose file and run `slipway doctor` again.' } };
  }
  const { project } = load;
  const services = Object.keys(project.model.services);
  const files = project.configFiles.map((f) => path.basename(f)).join(', ');
  const warnings = project.warnings.length > 0 ? `; ${project.warnings.length} warning(s): ${project.warnings.slice(0, 3).join('; ')}` : '';
  return { ...base, status: project.warnings.length > 0 ? 'warn' : 'ok', message: `${files}: ${services.length} service(s) (${services.join(', ')})${warnings}` };
}

export function envCheck(deps: DoctorDeps, load: ProjectLoad, env: Record<string, string | undefined>): DoctorCheck | undefined {
  const dir = load && 'project' in load ? load.project.workingDir : deps.projectDir;
  if (!dir) return undefined;
  const base = { id: 'project.env', title: 'Required variables set (.env.example)' };
  const state = envExampleState(dir, env);
  if (!state.exampleExists) return { ...base, status: 'ok', message: 'No .env.example in the project: nothing required' };
  if (state.missing.length === 0) return { ...base, status: 'ok', message: `Every key of .env.example is set` };
  const action = state.dotenvExists ? `Add the ${state.missing.length} missing key(s) to .env from .env.example` : 'Create .env from .env.example';
  return {
    ...base,
    status: 'fail',
    message: `${state.dotenvExists ? '.env lacks' : 'There is no .env; missing'} ${state.missing.length} key(s) of .env.example: ${state.missing.slice(0, 10).join(', ')}${state.missing.length > 10 ? '…' : ''}`,
    fix: { kind: 'action', actionId: 'env.create-from-example', label: action, command: `slipway doctor --fix project.env` },
  };
}

function parseRange(published: string): number[] {
  const m = /^(\d+)(?:-(\d+))?$/.exec(published.trim());
  if (!m) return [];
  const from = Number(m[1]);
  const to = m[2] ? Number(m[2]) : from;
  const out: number[] = [];
  for (let p = from; p <= to && out.length < 100; p++) out.push(p);
  return out;
}


export async function portsCheck(deps: DoctorDeps, load: ProjectLoad, probe: EngineProbe): Promise<DoctorCheck | undefined> {
  if (!load || !('project' in load)) return undefined;
  const base = { id: 'project.ports', title: 'Published ports free' };
  const url = probe.connection?.host.url;
  if (url && !isLocalEngine(url)) return { ...base, status: 'ok', message: `The engine is on another machine (${url}): its ports are not checked from here` };
  const { project } = load;
  // ports our own containers already hold are fine
  const ours = new Set<string>();
  if (probe.ping?.ok && probe.connection) {
    const containers = await listProjectContainers(probe.connection.docker, project.name).catch(() => []);
    for (const c of containers) {
      if (c.state !== 'running') continue;
      for (const p of c.ports) if (p.published) ours.add(`${p.protocol}/${p.published}`);
    }
  }
  const busy: string[] = [];
  let checked = 0;
  for (const [service, config] of Object.entries(project.model.services)) {
    for (const port of config.ports ?? []) {
      if (!port.published) continue;
      const protocol = port.protocol === 'udp' ? 'udp' : 'tcp';
      if (port.protocol === 'sctp') continue;
      for (const number of parseRange(port.published)) {
        checked++;
        if (ours.has(`${protocol}/${number}`)) continue;
        const hostIp = port.host_ip && port.host_ip !== '' ? port.host_ip : '0.0.0.0';
        if (!(await deps.portFree(number, hostIp, protocol))) busy.push(`${number}/${protocol} (${service})`);
      }
    }
  }
  if (busy.length === 0) return { ...base, status: 'ok', message: checked === 0 ? 'No published ports' : `${checked} published port(s) free or held by this project` };
  const first = parseRange(busy[0]?.split('/')[0] ?? '')[0] ?? 0;
  return {
    ...base,
    status: 'fail',
    message: `In use by another program: ${busy.join(', ')}`,
    fix: {
      kind: 'command',
      command: deps.platform === 'darwin' ? `lsof -nP -iTCP:${first} -sTCP:LISTEN` : `ss -ltnp 'sport = :${first}'`,
      label: 'Find the program that holds the port and stop it, or change the published port in the compose file',
    },
  };
}

export async function imagesCheck(load: ProjectLoad, probe: EngineProbe): Promise<DoctorCheck | undefined> {
  if (!load || !('project' in load)) return undefined;
  const base = { id: 'project.images', title: 'Images present or buildable' };
  if (!probe.ping?.ok || !probe.connection) return { ...base, status: 'warn', message: 'Not checked: the engine is not reachable' };
  const docker = probe.connection.docker;
  const missing: string[] = [];
  const unbuildable: string[] = [];
  let present = 0;
  let buildable = 0;
  for (const [service, config] of Object.entries(load.project.model.services)) {
    if (config.build) {
      const context = config.build.context;
      const isRemote = /^(https?|git|ssh):\/\/|^git@/.test(context);
      const dockerfile = config.build.dockerfile_inline ? undefined : path.resolve(context, config.build.dockerfile ?? 'Dockerfile');
      if (!isRemote && (!existsSync(context) || (dockerfile && !existsSync(dockerfile)))) unbuildable.push(`${service} (${!existsSync(context) ? `no build context ${context}` : `no ${dockerfile}`})`);
      else buildable++;
      continue;
    }
    if (!config.image) continue;
    const found = await docker.getImage(config.image).inspect().then(
      () => true,
      () => false,
    );
    if (found) present++;
    else missing.push(`${config.image} (${service})`);
  }
  if (unbuildable.length > 0) {
    return { ...base, status: 'fail', message: `Cannot be built: ${unbuildable.join(', ')}`, fix: { kind: 'command', command: 'Fix build.context / build.dockerfile in the compose file.' } };
  }
  if (missing.length > 0) {
    const firstImage = missing[0]?.split(' ')[0] ?? '';
    return { ...base, status: 'fail', message: `Not on the engine and no build: ${missing.join(', ')}`, fix: { kind: 'command', command: `docker pull ${firstImage}`, label: 'Pull the images (log in first for a private registry)' } };
  }
  return { ...base, status: 'ok', message: `${present} image(s) present, ${buildable} service(s) build their own` };
}

export function inotifyCheck(deps: DoctorDeps, load: ProjectLoad): DoctorCheck | undefined {
  const dir = load && 'project' in load ? load.project.workingDir : undefined;
  if (!dir) return undefined;
  const base = { id: 'host.inotify', title: 'File watch limit (inotify) covers the project' };
  if (deps.platform !== 'linux') return { ...base, status: 'ok', message: `Not limited on ${deps.platform}` };
  const limit = deps.inotifyLimit();
  if (limit === undefined) return { ...base, status: 'warn', message: 'Cannot read /proc/sys/fs/inotify/max_user_watches' };
  const count = deps.countFiles(dir, limit + 1);
  const fix = {
    kind: 'command' as const,
    command: 'echo fs.inotify.max_user_watches=524288 | sudo tee /etc/sysctl.d/60-slipway-inotify.conf && sudo sysctl --system',
    label: 'Raise the watch limit (kept across reboots)',
  };
  if (count > limit) return { ...base, status: 'fail', message: `The project has more than ${limit} files and folders, the inotify watch limit: watching will miss changes`, fix };
  if (count > limit * deps.thresholds.inotifyWarnRatio) return { ...base, status: 'warn', message: `${count} files and folders against a limit of ${limit} watches (shared with other programs)`, fix };
  return { ...base, status: 'ok', message: `${count} files and folders, limit ${limit}` };
}
