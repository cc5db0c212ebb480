import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { linuxDockerProvider } from '../../../electron/core/docker/providers/linux-docker';
import { realSystem } from '../../../electron/core/docker/providers/index';
import { startThrowawayEngine, type ThrowawayEngine } from '../../support/throwaway-engine';

let engine: ThrowawayEngine;

beforeAll(async () => {
  engine = await startThrowawayEngine();
});
afterAll(async () => {
  await engine?.destroy();
});

describe('the Linux engine provider, live', () => {
  it('reports a real dockerd running, then stopped, and says how to start it when it cannot', async () => {
    const provider = linuxDockerProvider({ systemSocket: engine.socket, systemUnit: 'slipway-test-absent.service' });
    const system = realSystem({ PATH: process.env.PATH, HOME: process.env.HOME });
    expect(await provider.detect(system)).toBe(true);
    const [running] = await provider.list(system);
    expect(running).toMatchObject({ name: 'docker', state: 'running', dockerHost: engine.dockerHost });

    await engine.stop();
    const [stopped] = await provider.list(system);
    expect(stopped?.state).toBe('stopped');
    const started = provider.start(system, stopped!);
    // the unit does not exist (with systemd) or systemd is absent: either way the message says what to do
    const error = (await started.then(
      () => undefined,
      (e: unknown) => e,
    )) as { code: string; message: string; hint?: string };
    expect(['host_no_systemd', 'host_command_failed']).toContain(error.code);
    expect(error.message).toMatch(/Cannot start Docker Engine/);
    expect(error.hint).toMatch(/dockerd|systemctl/);
    await engine.restart();
    const [again] = await provider.list(system);
    expect(again?.state).toBe('running');
  });
});
