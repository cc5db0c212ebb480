import { chmodSync, mkdirSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SlipwayCore } from '../../../electron/core/slipway-core';
import { LABEL } from '../../../electron/core/state/compose-labels';
import { removeProjectResources, testDocker, testEnv, uniqueProjectName } from '../../support/engine';
import { tempProject } from '../images/images-fixture';
import { runCliCaptured } from '../../support/capture-cli';

/** A GET or POST to the proxy with a Host header, as a browser sends for http://NAME:PORT/. */
function request(port: number, host: string, pathName: string, body?: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathName, method: body === undefined ? 'GET' : 'POST', headers: { host, connection: 'close' } }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Sends an Upgrade request through the proxy, then a line on the upgraded connection; resolves with what came back. */
function upgradeAndEcho(port: number, host: string, line: string): Promise<{ head: string; echoed: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    let head: string | undefined;
    socket.setEncoding('utf8');
    socket.on('error', reject);
    socket.on('connect', () => socket.write(`GET /chat HTTP/1.1\r\nHost: ${host}\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n`));
    socket.on('data', (chunk: string) => {
      received += chunk;
      if (head === undefined && received.includes('\r\n\r\n')) {
        head = received.slice(0, received.indexOf('\r\n\r\n'));
        received = received.slice(received.indexOf('\r\n\r\n') + 4);
        socket.write(line);
      }
      if (head !== undefined && received.includes('\n')) {
        socket.destroy();
        resolve({ head, echoed: received });
      }
    });
    socket.on('close', () => reject(new Error(`closed after: ${received}`)));
  });
}

const UPGRADE_SCRIPT = `#!/bin/sh
while read -r line; do
  line=$(printf '%s' "$line" | tr -d '\\r')
  [ -z "$line" ] && break
done
printf 'HTTP/1.1 101 Switching Protocols\\r\\nUpgrade: echo\\r\\nConnection: Upgrade\\r\\n\\r\\n'
exec cat
`;

describe('service addresses: http://SERVICE.PROJECT.localhost:PORT through the proxy', () => {
  const docker = testDocker();
  const name = uniqueProjectName('proxy');
  const project = tempProject({
    'compose.yaml': `name: ${name}
services:
  web:
    image: busybox:latest
    init: true
    command: ["httpd", "-f", "-p", "8080", "-h", "/www"]
    ports: ["127.0.0.1::8080"]
    volumes: ["./www:/www:ro"]
  chat:
    image: busybox:latest
    init: true
    command: ["nc", "-ll", "-p", "9000", "-e", "/www/upgrade.sh"]
    ports: ["127.0.0.1::9000"]
    volumes: ["./www:/www:ro"]
  quiet:
    image: busybox:latest
    init: true
    command: ["sleep", "600"]
`,
    'www/index.html': 'hello from web\n',
    'www/cgi-bin/echo': '#!/bin/sh\nprintf "Content-Type: text/plain\\r\\n\\r\\n"\nhead -c "$CONTENT_LENGTH"\n',
    'www/cgi-bin/who': '#!/bin/sh\nprintf "Content-Type: text/plain\\r\\n\\r\\n"\nhostname\n',
    'www/upgrade.sh': UPGRADE_SCRIPT,
  });
  const core = new SlipwayCore({ env: testEnv() });
  let port = 0;

  beforeAll(async () => {
    for (const script of ['www/cgi-bin/echo', 'www/cgi-bin/who', 'www/upgrade.sh']) chmodSync(path.join(project.dir, script), 0o755);
    mkdirSync(path.join(project.dir, 'www', 'empty'), { recursive: true });
    await core.projects.openProject({ cwd: project.dir });
    await core.client().runTask('stack.up', { projectId: name, wait: true });
    port = (await core.client().call('proxy.start', {})).port;
  }, 120_000);

  afterAll(async () => {
    await core.dispose();
    await removeProjectResources(docker, name);
    project.cleanup();
  });

  it('keeps the port it chose in settings and lists an address per running service with a published port', async () => {
    expect((await core.client().call('settings.get', {})).serviceUrlsPort).toBe(port);
    const { urls } = await core.client().call('proxy.urls', { projectId: name });
    expect(urls.map((u) => u.url).sort()).toEqual([`http://chat.${name}.localhost:${port}/`, `http://web.${name}.localhost:${port}/`]);
  });

  it('slipway ps (another process) lists the addresses under its table while a proxy answers', async () => {
    const ps = await runCliCaptured({ argv: ['ps'], env: testEnv(), cwd: project.dir });
    expect(ps.code, ps.err).toBe(0);
    const lines = ps.out.split('\n');
    const heading = lines.indexOf('ADDRESSES (Slipway service proxy)');
    expect(heading).toBeGreaterThan(0);
    expect(lines.slice(heading + 1).filter(Boolean)).toEqual([`chat   http://chat.${name}.localhost:${port}/`, `web    http://web.${name}.localhost:${port}/`]);
    const json = await runCliCaptured({ argv: ['ps', '--format', 'json'], env: testEnv(), cwd: project.dir });
    expect(json.out).not.toContain('ADDRESSES');
  });

  it('forwards requests by name, bodies included, to the published port', async () => {
    expect(await request(port, `web.${name}.localhost:${port}`, '/')).toEqual({ status: 200, text: 'hello from web\n' });
    expect(await request(port, `8080.web.${name}.localhost:${port}`, '/')).toEqual({ status: 200, text: 'hello from web\n' });
    const body = 'x'.repeat(200_000);
    const echoed = await request(port, `web.${name}.localhost`, '/cgi-bin/echo', body);
    expect(echoed.status).toBe(200);
    expect(echoed.text.length).toBe(body.length);
  });

  it('tunnels an upgraded connection (WebSocket and the like) both ways', async () => {
    const { head, echoed } = await upgradeAndEcho(port, `chat.${name}.localhost:${port}`, 'ping over the tunnel\n');
    expect(head.split('\r\n')[0]).toBe('HTTP/1.1 101 Switching Protocols');
    expect(echoed).toBe('ping over the tunnel\n');
  });

  it('says what is wrong for a name that is no service, a service without a published port, and one not running', async () => {
    const other = await request(port, 'example.com', '/');
    expect(other.status).toBe(404);
    expect(other.text).toContain('is not a Slipway service address');
    const quiet = await request(port, `quiet.${name}.localhost`, '/');
    expect(quiet.status).toBe(502);
    expect(quiet.text).toContain(`Service quiet of project ${name} has no running container with a published TCP port`);
    await core.client().runTask('stack.stop', { projectId: name, services: ['web'] });
    const stopped = await request(port, `web.${name}.localhost`, '/');
    expect(stopped.status).toBe(502);
    expect(stopped.text).toContain('slipway up web');
    await core.client().runTask('stack.start', { projectId: name, services: ['web'] });
  }, 60_000);

  it('takes replicas in turn', async () => {
    const [first] = await docker.listContainers({ filters: { label: [`${LABEL.project}=${name}`, `${LABEL.service}=web`] } });
    if (!first) throw new Error('web is not running');
    const info = await docker.getContainer(first.Id).inspect();
    const second = await docker.createContainer({
      name: `${name}-web-2`,
      Image: info.Config.Image,
      Cmd: info.Config.Cmd,
      Labels: { ...info.Config.Labels, [LABEL.number]: '2' },
      ExposedPorts: info.Config.ExposedPorts,
      HostConfig: { NetworkMode: info.HostConfig.NetworkMode, Binds: info.HostConfig.Binds, PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }] }, Init: true },
    });
    await second.start();
    // The proxy forgets the service's targets on the engine's start event of the new replica.
    const seen = new Set<string>();
    for (let i = 0; i < 200 && seen.size < 2; i += 1) seen.add((await request(port, `web.${name}.localhost`, '/cgi-bin/who')).text.trim());
    expect(seen).toEqual(new Set([first.Id.slice(0, 12), second.id.slice(0, 12)]));
  }, 60_000);
});
