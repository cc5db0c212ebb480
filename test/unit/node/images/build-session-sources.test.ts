import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { sessionSources, type BuildProject } from '../../../../electron/core/images/build-session-sources';

const project = (dir: string): BuildProject => ({
  workingDir: dir,
  model: { name: 'p', services: {}, secrets: { token: { file: path.join(dir, 'token.txt') }, api: { environment: 'API_KEY' } } },
  fileObjectValues: { API_KEY: 'from-dotenv' },
});

describe('build secrets and ssh for the session', () => {
  let dir = '';
  const servers: net.Server[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
    rmSync(dir, { recursive: true, force: true });
  });

  it('ids are the target, else the source; values from the file or the variable (.env first)', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'swsrc-'));
    const sources = await sessionSources('web', { context: dir, secrets: [{ source: 'token' }, { source: 'api', target: 'apikey' }] }, project(dir), { API_KEY: 'from-shell' });
    expect([...sources.secrets]).toEqual([
      ['token', { file: path.join(dir, 'token.txt') }],
      ['apikey', { value: 'from-dotenv' }],
    ]);
    expect(sources.ssh.size).toBe(0);
  });

  it('names an undefined secret and an unset variable', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'swsrc-'));
    await expect(sessionSources('web', { context: dir, secrets: [{ source: 'nope' }] }, project(dir), {})).rejects.toThrow('service web: build.secrets names nope, which is not defined under the top-level secrets:');
    const unset = { ...project(dir), fileObjectValues: {} };
    await expect(sessionSources('web', { context: dir, secrets: [{ source: 'api' }] }, unset, {})).rejects.toThrow('the build secret api comes from the variable API_KEY, which is not set');
  });

  it('ssh: default is SSH_AUTH_SOCK, ID=PATH another socket; a missing agent or a key file is refused', async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'swsrc-'));
    const socket = path.join(dir, 'agent.sock');
    const server = net.createServer();
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(socket, resolve));
    const sources = await sessionSources('web', { context: dir, ssh: ['default', 'work=agent.sock'] }, project(dir), { SSH_AUTH_SOCK: socket });
    expect([...sources.ssh]).toEqual([
      ['default', socket],
      ['work', socket],
    ]);
    await expect(sessionSources('web', { context: dir, ssh: ['default'] }, project(dir), {})).rejects.toThrow('SSH_AUTH_SOCK is not set');
    writeFileSync(path.join(dir, 'id_ed25519'), 'key');
    await expect(sessionSources('web', { context: dir, ssh: { default: 'id_ed25519' } }, project(dir), {})).rejects.toThrow('is not an ssh agent socket');
  });
});
