import { stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { SlipwayError } from '../../../shared/errors';
import type { BuildConfig, Project } from '../../../shared/model/project';
import type { SecretSource } from './buildkit/session-secrets';

type Env = Record<string, string | undefined>;

/** What of the project a build needs besides its build: section (top-level secrets, their values). */
export type BuildProject = Pick<Project, 'workingDir' | 'model' | 'fileObjectValues'>;

export interface SessionSources {
  /** Secret id (the mount's `id=`) → where its value comes from. */
  secrets: Map<string, SecretSource>;
  /** ssh id → agent socket. */
  ssh: Map<string, string>;
}

// build.ssh as compose-go reads it: a list of `ID` / `ID=PATH`, or a mapping ID → PATH.
const SshList = z.union([z.array(z.string()), z.record(z.string(), z.string().nullable())]);

/**
 * Compose's `build.secrets` and `build.ssh` for one service, as docker compose hands them
 * to BuildKit: a secret's id is its `target`, else its `source`; its value is the top-level
 * secret's `file` or its `environment` variable (read with the project's environment).
 * `ssh: [default]` is the agent at SSH_AUTH_SOCK; `ID=PATH` names another agent socket.
 */
export async function sessionSources(service: string, build: BuildConfig, project: BuildProject | undefined, env: Env): Promise<SessionSources> {
  const secrets = new Map<string, SecretSource>();
  for (const ref of build.secrets ?? []) {
    const definition = project?.model.secrets?.[ref.source];
    if (!definition) {
      throw new SlipwayError('build_secret_undefined', `service ${service}: build.secrets names ${ref.source}, which is not defined under the top-level secrets:`, `Add secrets: {${ref.source}: {file: ./PATH}} (or environment: VARIABLE) to the compose file.`);
    }
    const id = ref.target ?? ref.source;
    if (definition.file !== undefined) secrets.set(id, { file: definition.file });
    else if (definition.environment !== undefined) {
      const value = project?.fileObjectValues?.[definition.environment] ?? env[definition.environment];
      if (value === undefined) {
        throw new SlipwayError('build_secret_unset', `service ${service}: the build secret ${ref.source} comes from the variable ${definition.environment}, which is not set`, `Set ${definition.environment} in the environment or in .env, then build again.`);
      }
      secrets.set(id, { value });
    } else {
      throw new SlipwayError('build_secret_unsupported', `service ${service}: the build secret ${ref.source} has neither file: nor environment:`, 'Give it file: ./PATH or environment: VARIABLE.');
    }
  }
  return { secrets, ssh: await sshAgents(service, build.ssh, project?.workingDir, env) };
}

async function sshAgents(service: string, value: unknown, workingDir: string | undefined, env: Env): Promise<Map<string, string>> {
  const agents = new Map<string, string>();
  if (value === undefined || value === null) return agents;
  const parsed = SshList.safeParse(value);
  if (!parsed.success) {
    throw new SlipwayError('build_ssh_invalid', `service ${service}: build.ssh must be a list like [default] or [ID=PATH]`, 'Fix build.ssh in the compose file.');
  }
  const entries: [string, string | undefined][] = Array.isArray(parsed.data)
    ? parsed.data.map((item) => {
        const eq = item.indexOf('=');
        return eq < 0 ? [item, undefined] : [item.slice(0, eq), item.slice(eq + 1)];
      })
    : Object.entries(parsed.data).map(([id, p]) => [id, p ?? undefined]);
  for (const [id, given] of entries) {
    const socket = given === undefined || given === '' ? env.SSH_AUTH_SOCK : path.resolve(workingDir ?? '.', given);
    if (socket === undefined || socket === '') {
      throw new SlipwayError('build_ssh_no_agent', `service ${service}: build.ssh ${id} forwards the ssh agent, but SSH_AUTH_SOCK is not set`, 'Start an agent (eval "$(ssh-agent)"; ssh-add), or write ID=PATH to an agent socket.');
    }
    const isSocket = await stat(socket).then((s) => s.isSocket(), () => false);
    if (!isSocket) {
      throw new SlipwayError('build_ssh_no_agent', `service ${service}: build.ssh ${id}: ${socket} is not an ssh agent socket`, 'Point it at a running ssh-agent socket (key files are not supported: ssh-add them to an agent).');
    }
    agents.set(id, socket);
  }
  return agents;
}
