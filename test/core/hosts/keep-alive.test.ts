import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDocker } from '../../../electron/core/docker/connect';
import { testDockerHost } from '../../support/engine';
import { countingProxy, type CountingProxy } from './counting-proxy';

let dir: string;
let proxy: CountingProxy;
let proxySocket: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'swka-'));
  proxySocket = path.join(dir, 'p.sock');
  proxy = await countingProxy({ path: proxySocket }, { path: testDockerHost().replace(/^unix:\/\//, '') });
});

afterAll(async () => {
  await proxy?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('one keep-alive connection per host', () => {
  it('reuses the socket for consecutive calls to a unix:// engine', async () => {
    const connection = connectDocker({ host: `unix://${proxySocket}`, env: { PATH: process.env.PATH } });
    try {
      for (let i = 0; i < 10; i++) await connection.docker.listContainers({ all: true });
      await connection.docker.version();
      expect(proxy.connections()).toBe(1);
    } finally {
      await connection.close();
    }
  });
});
