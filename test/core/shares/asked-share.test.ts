import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliCaptured } from '../../support/capture-cli';
import { removeProjectResources, testDocker, testEnv, uniqueProjectName } from '../../support/engine';
import { probablyFreePort } from '../../support/processes';
import { tempProject } from '../images/images-fixture';
import { httpGet, webServingWww } from './share-fixture';

const get = async (port: number, pathName: string) => (await httpGet(port, pathName)).text;

describe('x-slipway.sync: a folder the engine can see, synchronized because the file asks for it', () => {
  const docker = testDocker();
  const name = uniqueProjectName('asked');
  let project: { dir: string; cleanup(): void } | undefined;

  afterAll(async () => {
    await removeProjectResources(docker, name);
    project?.cleanup();
  });

  it('up -d fills a project volume instead of bind-mounting, and says so in one line', async () => {
    const port = await probablyFreePort();
    project = tempProject({
      'compose.yaml': webServingWww(name, port, 'x-slipway:\n  sync: ["web:./www"]\n'),
      'www/index.html': 'first\n',
    });
    const run = await runCliCaptured({ argv: ['up', '-d', '--wait'], env: testEnv(), cwd: project.dir });
    expect(run.code, run.err).toBe(0);
    expect(run.err).toContain('Share web:/www ← ./www synchronized (x-slipway.sync): ');
    expect(await get(port, '/index.html')).toBe('first\n');
    // A copy, not the folder: a change after up (no watcher runs once the CLI has ended) is not seen.
    writeFileSync(path.join(project.dir, 'www', 'index.html'), 'second\n');
    expect(await get(port, '/index.html')).toBe('first\n');
    const [web] = await docker.listContainers({ filters: { label: [`com.docker.compose.project=${name}`] } });
    expect(web?.Mounts).toEqual([expect.objectContaining({ Type: 'volume', Name: `${name}_sync_web_www`, Destination: '/www' })]);
  });

  it('an entry that names no bind mount is refused with where it is and what to write', async () => {
    const bad = tempProject({
      'compose.yaml': `name: ${name}x
x-slipway:
  sync: ["web:/nowhere"]
services:
  web:
    image: busybox:latest
    volumes: ["./www:/www"]
`,
      'www/index.html': 'x\n',
    });
    try {
      const run = await runCliCaptured({ argv: ['up', '-d'], env: testEnv(), cwd: bad.dir });
      expect(run.code).not.toBe(0);
      expect(run.err).toContain(`x-slipway.sync in ${path.join(bad.dir, 'compose.yaml')}: service web bind-mounts no folder at /nowhere`);
      expect(run.err).not.toMatch(/\n\s+at /);
    } finally {
      await removeProjectResources(docker, `${name}x`);
      bad.cleanup();
    }
  });
});
