import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlipwayCore } from '../../../electron/core/slipway-core';
import { attachedContainerUri } from '../../../electron/core/open-in/open-commands';
import { toErrorInfo } from '../../../shared/errors';
import { removeProjectResources, testDocker, testEnv, uniqueProjectName } from '../../support/engine';
import { waitUntil } from '../../support/processes';
import { tempProject } from '../images/images-fixture';

/**
 * "Open in…" starts the user's programs. VS Code and a desktop terminal cannot run here, so
 * each is a script on PATH that records the arguments it was started with; the project, its
 * containers and what they are asked for are real.
 */
describe('open a service in the editor or a terminal', () => {
  const docker = testDocker();
  const name = uniqueProjectName('openin');
  const project = tempProject({
    'compose.yaml': `name: ${name}
services:
  api:
    image: busybox:latest
    init: true
    working_dir: /srv/api
    command: ["sleep", "600"]
  site:
    image: busybox:latest
    init: true
    command: ["sleep", "600"]
    volumes: ["./site:/srv/site"]
  idle:
    image: busybox:latest
`,
    'site/index.html': 'hi\n',
  });
  const bin = path.join(project.dir, '.bin');
  const record = (program: string) => path.join(project.dir, `${program}.args`);
  let core: SlipwayCore;

  function recorder(program: string): void {
    const file = path.join(bin, program);
    writeFileSync(file, `#!/bin/sh\nfor a in "$@"; do printf '%s\\n' "$a"; done > '${record(program)}.tmp' && mv '${record(program)}.tmp' '${record(program)}'\n`);
    chmodSync(file, 0o755);
  }

  async function recorded(program: string): Promise<string[]> {
    await waitUntil(async () => existsSync(record(program)), `${program} to be started`, 20_000, 50);
    return readFileSync(record(program), 'utf8').trimEnd().split('\n');
  }

  beforeAll(async () => {
    mkdirSync(bin, { recursive: true });
    core = new SlipwayCore({ env: testEnv({ PATH: `${bin}:${process.env.PATH ?? ''}`, TERMINAL: '' }) });
    await core.projects.openProject({ cwd: project.dir });
    await core.client().runTask('stack.up', { projectId: name, services: ['api', 'site'] });
  }, 120_000);

  afterAll(async () => {
    await core.dispose();
    await removeProjectResources(docker, name);
    project.cleanup();
  });

  it('says what to install when VS Code is missing', async () => {
    const error = await core.client().call('services.openIn', { projectId: name, service: 'api', target: 'editor' }).then(() => undefined, toErrorInfo);
    expect(error?.code).toBe('program_missing');
    expect(error?.hint).toContain('Install VS Code');
  });

  it('attaches VS Code to the running container at its working directory', async () => {
    recorder('code');
    const answer = await core.client().call('services.openIn', { projectId: name, service: 'api', target: 'editor' });
    expect(answer).toEqual({ program: 'VS Code', opened: `attached to container ${name}-api-1` });
    expect(await recorded('code')).toEqual(['--folder-uri', attachedContainerUri(`${name}-api-1`, '/srv/api')]);
    const hex = attachedContainerUri(`${name}-api-1`, '/').split('+')[1]?.replace(/\/$/, '') ?? '';
    expect(JSON.parse(Buffer.from(hex, 'hex').toString('utf8'))).toEqual({ containerName: `/${name}-api-1` });
  });

  it('opens the project folder for a service whose source is bind-mounted', async () => {
    recorder('code');
    const answer = await core.client().call('services.openIn', { projectId: name, service: 'site', target: 'editor' });
    expect(answer.opened).toContain(project.dir);
    await waitUntil(async () => existsSync(record('code')) && readFileSync(record('code'), 'utf8').trim() === project.dir, 'code to open the folder', 20_000, 50);
  });

  it("runs a shell in the service in the user's terminal", async () => {
    recorder('x-terminal-emulator');
    recorder('slipway');
    const answer = await core.client().call('services.openIn', { projectId: name, service: 'api', target: 'terminal' });
    expect(answer).toEqual({ program: 'x-terminal-emulator', opened: `a shell in api (${name}-api-1)` });
    expect(await recorded('x-terminal-emulator')).toEqual(['-e', path.join(bin, 'slipway'), '--project-directory', project.dir, '-p', name, 'exec', 'api', 'sh']);
  });

  it('refuses a service that is not running, and one the project does not have', async () => {
    const idle = await core.client().call('services.openIn', { projectId: name, service: 'idle', target: 'terminal' }).then(() => undefined, toErrorInfo);
    expect(idle).toMatchObject({ code: 'not_running', message: 'Service idle is not running', hint: 'Start it first: `slipway up idle`.' });
    const missing = await core.client().call('services.openIn', { projectId: name, service: 'nope', target: 'editor' }).then(() => undefined, toErrorInfo);
    expect(missing?.code).toBe('unknown_service');
  });
});
