import { afterAll, describe, expect, it } from 'vitest';
import type { StatsSample } from '../../../shared/contract/stats';
import { SlipwayCore } from '../../../electron/core/slipway-core';
import { removeProjectResources, testDocker, testEnv, uniqueProjectName } from '../../support/engine';
import { createServiceContainer } from '../logs/labelled-container';

const docker = testDocker();
const core = new SlipwayCore({ env: testEnv() });
const client = core.client();
const name = uniqueProjectName('stats');

afterAll(async () => {
  await core.dispose();
  await removeProjectResources(docker, name);
});

/** The next sample of `subscriptionId` that `test` accepts. */
function nextSample(subscriptionId: string, test: (sample: StatsSample) => boolean): Promise<StatsSample> {
  return new Promise((resolve) => {
    const off = client.on('stats.samples', (sample) => {
      if (sample.subscriptionId !== subscriptionId || !test(sample)) return;
      off();
      resolve(sample);
    });
  });
}

const cpuOf = (sample: StatsSample, service: string) => sample.services.find((s) => s.service === service)?.cpuPercent;

describe('live resources (stats)', () => {
  it('streams per service only while subscribed: a busy loop shows CPU, an idle one ~0; starts and stops are followed; nothing stays open', async () => {
    await createServiceContainer(docker, name, 'busy', 'while :; do :; done');
    await createServiceContainer(docker, name, 'idle', 'exec sleep 3600');
    expect(core.stats().openStreams()).toBe(0);

    const { subscriptionId } = await client.call('stats.subscribe', { projectId: name });
    // Both services have CPU readings (a stream's first reading has none) and the loop burns.
    const hot = await nextSample(subscriptionId, (s) => (cpuOf(s, 'busy') ?? 0) > 5 && s.services.length === 2 && s.containers.every((c) => c.memoryLimit > 0));
    expect(core.stats().openStreams()).toBe(2);
    const idle = hot.services.find((s) => s.service === 'idle');
    expect(idle?.cpuPercent).toBeLessThan(1);
    expect(idle?.pids).toBeGreaterThanOrEqual(1);
    expect(idle?.memoryUsage).toBeGreaterThan(0);
    expect(hot.containers.map((c) => c.name).sort()).toEqual([`${name}-busy-1`, `${name}-idle-1`]);

    // A replica started while subscribed is read, and summed into its service.
    const second = await createServiceContainer(docker, name, 'idle', 'exec sleep 3600', { number: 2 });
    const both = await nextSample(subscriptionId, (s) => s.services.find((x) => x.service === 'idle')?.containers === 2);
    expect(core.stats().openStreams()).toBe(3);
    const replicas = both.containers.filter((c) => c.service === 'idle');
    expect(both.services.find((x) => x.service === 'idle')?.memoryUsage).toBe(replicas.reduce((sum, c) => sum + c.memoryUsage, 0));

    // ...and no longer once it stops.
    await second.stop({ t: 1 });
    await nextSample(subscriptionId, (s) => s.services.find((x) => x.service === 'idle')?.containers === 1);
    expect(core.stats().openStreams()).toBe(2);

    await client.call('stats.unsubscribe', { subscriptionId });
    expect(core.stats().openStreams()).toBe(0);
  });

  it('answers one sample without leaving a stream open (stats --no-stream, the tray)', async () => {
    const sample = await client.call('stats.sample', { projectId: name, services: ['busy'] });
    expect(sample.services.map((s) => s.service)).toEqual(['busy']);
    expect(cpuOf(sample, 'busy')).toBeGreaterThan(5);
    expect(core.stats().openStreams()).toBe(0);
  });

  it('a client that goes away without unsubscribing leaves no stream open', async () => {
    const session = core.sessions.open('stats-tab');
    const answer = await session.call('stats.subscribe', { projectId: name });
    expect(answer.envelope.ok).toBe(true);
    await new Promise<void>((resolve) => {
      const off = client.on('stats.samples', () => {
        off();
        resolve();
      });
    });
    expect(core.stats().openStreams()).toBe(2);
    await session.close();
    expect(core.stats().openStreams()).toBe(0);
  });
});
