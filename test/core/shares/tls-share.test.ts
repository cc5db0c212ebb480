import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WatchReload } from '../../../shared/contract/watch';
import { SlipwayCore } from '../../../electron/core/slipway-core';
import { testEnv, uniqueProjectName } from '../../support/engine';
import { startHiddenFolderEngine } from '../../support/hidden-folder-engine';
import { listenPortFromLog, probablyFreePort } from '../../support/processes';
import type { ThrowawayEngine } from '../../support/throwaway-engine';
import { makeCertificates } from '../hosts/certificates';
import { tempProject } from '../images/images-fixture';
import { disposeHiddenSuite, httpGet, webServingWww } from './share-fixture';

const get = async (port: number, pathName: string) => (await httpGet(port, pathName)).text;

describe('synchronized shares over TCP+TLS, on an engine that cannot see the project folder', () => {
  const name = uniqueProjectName('tlsshare');
  let port = 0;
  let certDir: string;
  let project: { dir: string; cleanup(): void };
  let hidden: ThrowawayEngine;
  let core: SlipwayCore;

  beforeAll(async () => {
    port = await probablyFreePort();
    certDir = mkdtempSync(path.join(os.tmpdir(), 'swtlsshare-'));
    const certs = makeCertificates(certDir);
    project = tempProject({
      'compose.yaml': webServingWww(name, port),
      'www/index.html': 'over tls\n',
    });
    hidden = await startHiddenFolderEngine(project.dir, {
      extraArgs: ['-H', 'tcp://127.0.0.1:0', '--tlsverify', '--tlscacert', certs.ca, '--tlscert', certs.serverCert, '--tlskey', certs.serverKey],
    });
    const tlsPort = await listenPortFromLog(hidden.logFile, /API listen on 127\.0\.0\.1:(\d+)/, 'the TLS dockerd', hidden.process);
    core = new SlipwayCore({ env: testEnv({ DOCKER_HOST: `tcp://127.0.0.1:${tlsPort}`, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certs.clientDir }) });
    await core.projects.openProject({ cwd: project.dir });
  }, 120_000);

  afterAll(async () => {
    await disposeHiddenSuite({ core, hidden, name, project });
    if (certDir) rmSync(certDir, { recursive: true, force: true });
  });

  it('probes, fills and follows an edit through the TLS connection alone', async () => {
    expect(core.docker().host).toMatchObject({ tls: true });
    const status = await core.client().call('shares.status', { projectId: name });
    expect(status.mounts).toEqual([expect.objectContaining({ target: '/www', reaches: false, mode: 'sync' })]);
    await core.client().runTask('stack.up', { projectId: name, wait: true });
    expect(await get(port, '/index.html')).toBe('over tls\n');
    const synced = new Promise<WatchReload>((resolve) => {
      const off = core.events.on('watch.reload', (reload) => {
        if (!reload.files.includes('www/index.html')) return;
        off();
        resolve(reload);
      });
    });
    writeFileSync(path.join(project.dir, 'www', 'index.html'), 'edited over tls\n');
    expect(await synced).toMatchObject({ ok: true });
    expect(await get(port, '/index.html')).toBe('edited over tls\n');
  });
});
