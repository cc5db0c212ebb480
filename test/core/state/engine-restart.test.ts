import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LogLine } from '../../../shared/contract/logs';
import { SlipwayCore } from '../../../electron/core/slipway-core';
import { startThrowawayEngine, type ThrowawayEngine } from '../../support/throwaway-engine';
import { ensureBusyboxImage } from '../../support/stand-in-image';
import { dockerFromHost } from '../../support/docker-from-host';
import { createServiceContainer } from '../logs/labelled-container';
import { waitForEngineStatus, waitForState } from './wait-state';

/**
 * Stops and starts a private dockerd under a core that follows logs and state: the state
 * says the engine is down, then resyncs (no duplicates, nothing stale), and the log
 * stream carries on after a marker line.
 */
describe('when the engine goes away and comes back', () => {
  let engine: ThrowawayEngine;
  let core: SlipwayCore;
  const project = `swrestart${process.pid}`;

  beforeAll(async () => {
    engine = await startThrowawayEngine();
    await ensureBusyboxImage(dockerFromHost(engine.dockerHost));
    core = new SlipwayCore({ env: { PATH: process.env.PATH, HOME: process.env.HOME, DOCKER_HOST: engine.dockerHost } });
  });

  afterAll(async () => {
    await core?.dispose();
    await engine?.destroy();
  });

  it('reports down, reconnects, resyncs state and resumes the log stream', async () => {
    const docker = dockerFromHost(engine.dockerHost);
    const ticker = await createServiceContainer(docker, project, 'ticker', 'echo boot; i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 0.1; done', { restart: 'always' });
    await createServiceContainer(docker, project, 'oneshot', 'exec sleep 3600');

    await waitForState(core, project, (s) => s.services.length === 2 && s.services.every((x) => x.state === 'running'), 'both running');

    const lines: LogLine[] = [];
    let check: (() => void) | undefined;
    core.events.on('logs.batch', (batch) => {
      lines.push(...batch.lines);
      void core.call('logs.ack', { subscriptionId: batch.subscriptionId, batchId: batch.batchId });
      check?.();
    });
    const until = (test: () => boolean, what: string) => new Promise<void>((resolve, reject) => {
      if (test()) return resolve();
      const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}; last lines: ${lines.slice(-5).map((l) => l.text).join(' / ')}`)), 60_000);
      check = () => {
        if (!test()) return;
        clearTimeout(timer);
        check = undefined;
        resolve();
      };
    });
    const sub = await core.call('logs.subscribe', { projectId: project, services: ['ticker'] });
    expect(sub.ok).toBe(true);
    await until(() => lines.filter((l) => l.text.startsWith('tick')).length >= 3, 'ticks');

    const down = waitForEngineStatus(core, (s) => s.status === 'down');
    const downState = waitForState(core, project, (s) => s.engine === 'down', 'engine down in the state');
    await engine.stop();
    expect((await down).message).toMatch(/Docker engine/);
    expect((await downState).engine).toBe('down');

    const up = waitForEngineStatus(core, (s) => s.status === 'up');
    await engine.restart();
    await up;
    const after = await waitForState(core, project, (s) => s.engine === 'up' && s.services.find((x) => x.service === 'ticker')?.state === 'running' && s.services.find((x) => x.service === 'oneshot')?.state !== 'running', 'resynced state');
    const tickerState = after.services.find((x) => x.service === 'ticker');
    expect(tickerState?.containers.map((c) => c.id)).toEqual([ticker.id]);
    expect(after.services.find((x) => x.service === 'oneshot')?.containers).toHaveLength(1);
    expect(after.services.find((x) => x.service === 'oneshot')?.state).toMatch(/stopped|exited/);

    await until(() => lines.filter((l) => l.text === 'boot').length >= 2 && lines.at(-1)?.text.startsWith('tick') === true, 'ticks after the engine came back');
    expect(lines.some((l) => l.stream === 'system' && /engine connection lost/.test(l.text))).toBe(true);
    const texts = lines.filter((l) => l.stream === 'stdout').map((l) => l.text);
    expect(new Set(lines.map((l) => l.service))).toEqual(new Set(['ticker']));
    // No line twice within a run: the second run starts at "boot" and counts from 0 again.
    const second = texts.slice(texts.lastIndexOf('boot') + 1);
    expect(second).toEqual(second.map((_, i) => `tick ${i}`));
    const first = texts.slice(1, texts.lastIndexOf('boot'));
    expect(first).toEqual(first.map((_, i) => `tick ${i}`));
  });
});
