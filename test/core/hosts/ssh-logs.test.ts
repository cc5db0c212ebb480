import { describe, expect, it, vi } from 'vitest';
import { connectDocker } from '../../../electron/core/docker/connect';
import { RoutingModem } from '../../../electron/core/docker/routing-modem';
import { ContainerLogReader } from '../../../electron/core/logs/container-log-reader';
import type { LogLine } from '../../../shared/contract/logs';
import { testDockerHost } from '../../support/engine';
import { countingSshEnv, sshdForSuite } from './sshd';

const suite = sshdForSuite('swsshl-');

const LINES = 5000;

describe('logs over ssh://', () => {
  it('are read by the raw reader on a connection of their own (not one HTTP event per line): every line, in order', async () => {
    const local = connectDocker({ host: testDockerHost() });
    const container = await local.docker.createContainer({ Image: 'busybox:latest', Cmd: ['sh', '-c', `seq 1 ${LINES} | sed 's/^/line /'`], HostConfig: { NetworkMode: 'none' } });
    const { ssh, env } = countingSshEnv(suite());
    const connection = connectDocker({ host: suite().url, env });
    try {
      await container.start();
      await container.wait();
      const modem = connection.docker.modem;
      expect(modem).toBeInstanceOf(RoutingModem);
      const opened = modem instanceof RoutingModem ? vi.spyOn(modem, 'connection') : undefined;
      const lines: LogLine[] = [];
      const reader = new ContainerLogReader({ id: container.id, label: 'chatty', tty: false }, (_reader, batch) => lines.push(...batch));
      await reader.open(connection.docker, { follow: false });
      await reader.done;
      expect(opened).toHaveBeenCalledTimes(1);
      expect(lines).toHaveLength(LINES);
      expect(lines[0]?.text).toBe('line 1');
      expect(lines.at(-1)?.text).toBe(`line ${LINES}`);
      // one handshake: the log stream rode the master
      expect(ssh.handshakes()).toHaveLength(1);
    } finally {
      await connection.close();
      await container.remove({ force: true });
      await local.close();
    }
    expect(ssh.alive()).toEqual([]);
  });
});
