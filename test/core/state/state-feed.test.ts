import { afterAll, describe, expect, it } from 'vitest';
import { SlipwayCore } from '../../../electron/core/slipway-core';
import { removeProjectResources, testDocker, testEnv, uniqueProjectName } from '../../support/engine';
import { createServiceContainer, waitExit } from '../logs/labelled-container';
import { waitForState } from './wait-state';

const docker = testDocker();
const core = new SlipwayCore({ env: testEnv() });
const name = uniqueProjectName('state');

afterAll(async () => {
  await core.dispose();
  await removeProjectResources(docker, name);
});

describe('the state feed', () => {
  it('derives service state from a listing and from events, without duplicates', async () => {
    const web = await createServiceContainer(docker, name, 'web', 'exec sleep 3600');
    const job = await createServiceContainer(docker, name, 'job', 'echo done');
    const bad = await createServiceContainer(docker, name, 'bad', 'exit 3');
    await Promise.all([waitExit(job), waitExit(bad)]);
    // A one-off container (compose run) is not a service container.
    await docker.createContainer({ Image: 'busybox:latest', Cmd: ['true'], Labels: { 'com.docker.compose.project': name, 'com.docker.compose.service': 'web', 'com.docker.compose.oneoff': 'True' }, HostConfig: { NetworkMode: 'none' } });

    const first = await waitForState(core, name, (s) => s.services.length === 3 && s.services.every((svc) => svc.state !== 'created'), 'three services');
    expect(first.engine).toBe('up');
    const by = Object.fromEntries(first.services.map((s) => [s.service, s]));
    expect(by.web?.state).toBe('running');
    expect(by.web?.containers).toHaveLength(1);
    expect(by.web?.containers[0]).toMatchObject({ name: `${name}-web-1`, number: 1, state: 'running', image: 'busybox:latest' });
    expect(by.web?.containers[0]?.startedAt).toMatch(/^\d{4}-/);
    expect(by.job).toMatchObject({ state: 'completed', exitCode: 0 });
    expect(by.bad).toMatchObject({ state: 'exited', exitCode: 3 });

    await web.stop({ t: 1 });
    const stopped = await waitForState(core, name, (s) => s.services.find((x) => x.service === 'web')?.state === 'stopped', 'web stopped');
    expect(stopped.services.find((x) => x.service === 'web')?.containers).toHaveLength(1);

    await web.start();
    await waitForState(core, name, (s) => s.services.find((x) => x.service === 'web')?.state === 'running', 'web running again');
    await bad.remove({ force: true });
    const after = await waitForState(core, name, (s) => !s.services.some((x) => x.service === 'bad'), 'bad removed');
    expect(after.services.map((s) => s.service)).toEqual(['job', 'web']);
  });

  it('follows health: starting, then healthy', async () => {
    const svc = await docker.createContainer({
      name: `${name}-db-1`,
      Image: 'busybox:latest',
      Cmd: ['sh', '-c', 'sleep 1; touch /tmp/ready; exec sleep 3600'],
      Labels: { 'com.docker.compose.project': name, 'com.docker.compose.service': 'db', 'com.docker.compose.container-number': '1', 'com.docker.compose.oneoff': 'False' },
      Healthcheck: { Test: ['CMD', 'test', '-f', '/tmp/ready'], Interval: 300_000_000, Timeout: 1_000_000_000, Retries: 30 },
      HostConfig: { NetworkMode: 'none', Init: true },
    });
    const seen: string[] = [];
    const off = core.events.on('state.changed', (e) => {
      const word = e.state.services.find((s) => s.service === 'db')?.state;
      if (e.projectId === name && word && seen.at(-1) !== word) seen.push(word);
    });
    await svc.start();
    const healthy = await waitForState(core, name, (s) => s.services.find((x) => x.service === 'db')?.state === 'healthy', 'db healthy');
    off();
    expect(healthy.services.find((x) => x.service === 'db')?.containers[0]?.health).toBe('healthy');
    expect(seen).toContain('starting');
    expect(seen.at(-1)).toBe('healthy');
  });

  it('answers state.snapshot through the contract', async () => {
    const envelope = await core.call('state.snapshot', { projectId: name });
    expect(envelope.ok).toBe(true);
    const unknown = await core.call('state.snapshot', { projectId: `${name}-none` });
    expect(unknown).toMatchObject({ ok: true, value: { services: [], engine: 'up' } });
  });
});
