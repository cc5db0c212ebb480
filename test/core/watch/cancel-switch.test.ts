import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WatchState } from '../../../shared/contract/watch';
import type { Project } from '../../../shared/model/project';
import { stackRebuild, type RebuildDriver, type RebuildImages } from '../../../electron/core/watch/rebuild';
import { testDockerHost } from '../../support/engine';
import { makeProject, names, runServiceContainer, shell, useWatchTest, type WatchHarness } from './watch-fixture';

/** The core's rebuild, told when the build's RUN step runs (it prints `sleeping`) and what became of each rebuild. */
function observedRebuild(harness: WatchHarness): { driver: RebuildDriver; running: Promise<void>; outcomes: Array<Promise<unknown>> } {
  let markRunning = () => undefined as void;
  const running = new Promise<void>((resolve) => (markRunning = resolve));
  const images: RebuildImages = {
    build: (project, options, task) =>
      harness.core.images.build(project, options, {
        signal: task.signal,
        progress: (update) => {
          // The step's output line: `sleeping` (classic builder) or `#5 sleeping` (BuildKit).
          if (/(^|\s)sleeping$/.test(update.message)) markRunning();
        },
      }),
  };
  const inner = stackRebuild(harness.core, images);
  const outcomes: Array<Promise<unknown>> = [];
  const driver: RebuildDriver = {
    rebuild(project, service, signal) {
      const done = inner.rebuild(project, service, signal);
      outcomes.push(done.then(() => 'rebuilt', (error: unknown) => error));
      return done;
    },
  };
  return { driver, running, outcomes };
}

/** A service whose build sleeps in a RUN step until cancelled (or 300 s: the test times out first). */
function slowBuildProject(harness: WatchHarness, dir: string): Project {
  writeFileSync(path.join(dir, 'Dockerfile'), 'FROM busybox:latest\nCOPY version.txt /version.txt\nRUN echo sleeping && sleep 300\nCMD ["sleep", "3600"]\n');
  writeFileSync(path.join(dir, 'version.txt'), 'v1');
  return makeProject(harness.project, dir, {
    api: { build: { context: dir, network: 'host' }, init: true, network_mode: 'none', stop_grace_period: '1s', develop: { watch: [{ path: dir, action: 'rebuild' }] } },
  });
}

function nextState(harness: WatchHarness, match: (state: WatchState) => boolean): Promise<WatchState> {
  return new Promise((resolve) => {
    const off = harness.core.events.on('watch.state', (state) => {
      if (!match(state)) return;
      off();
      resolve(state);
    });
  });
}

describe('watch: cancelling rebuilds, switching hosts', () => {
  const watchTest = useWatchTest();

  it('stopping the watcher cancels the rebuild in flight', { timeout: 60_000 }, async () => {
    const { harness, tree } = watchTest('cancelstop');
    const project = slowBuildProject(harness, tree.dir);
    const { driver, running, outcomes } = observedRebuild(harness);
    try {
      await harness.core.watch().start(project, { rebuild: driver });
      writeFileSync(path.join(tree.dir, 'version.txt'), 'v2');
      await running;
      await harness.core.watch().stop(harness.project);
      expect(outcomes).toHaveLength(1);
      expect(await outcomes[0]).toMatchObject({ code: 'cancelled' });
      expect(harness.reloads.filter((r) => r.action === 'rebuild')).toEqual([]);
      expect(await harness.docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${harness.project}`] } })).toEqual([]);
    } finally {
      await harness.docker.getImage(`${harness.project}-api`).remove({ force: true }).catch(() => undefined);
    }
  });

  it('a save during a rebuild cancels it; the next rebuild carries every changed file', { timeout: 60_000 }, async () => {
    const { harness, tree } = watchTest('cancelsave');
    const project = slowBuildProject(harness, tree.dir);
    const { driver, running, outcomes } = observedRebuild(harness);
    try {
      await harness.core.watch().start(project, { rebuild: driver });
      writeFileSync(path.join(tree.dir, 'version.txt'), 'v2');
      await running;
      writeFileSync(path.join(tree.dir, 'Dockerfile'), 'FROM busybox:latest\nCOPY version.txt /version.txt\nCMD ["sleep", "3600"]\n');
      const reload = await harness.nextReload((r) => r.action === 'rebuild');
      expect(reload).toMatchObject({ ok: true, fileCount: 2 });
      expect(names(reload, 'version.txt') && names(reload, 'Dockerfile')).toBe(true);
      expect(outcomes).toHaveLength(2);
      expect(await outcomes[0]).toMatchObject({ code: 'cancelled' });
      expect(await outcomes[1]).toBe('rebuilt');
      const [container] = await harness.docker.listContainers({ filters: { label: [`com.docker.compose.project=${harness.project}`] } });
      expect(await shell(harness.docker, container?.Id ?? '', 'cat /version.txt')).toBe('v2');
    } finally {
      await harness.docker.getImage(`${harness.project}-api`).remove({ force: true }).catch(() => undefined);
    }
  });

  it('switching the Docker host stops the watchers and says why', async () => {
    const { harness, tree } = watchTest('switch');
    await runServiceContainer(harness.docker, harness.project, 'web');
    const project = makeProject(harness.project, tree.dir, { web: { develop: { watch: [{ path: tree.dir, action: 'restart' }] } } });
    await harness.core.watch().start(project);
    const stopped = nextState(harness, (s) => s.projectId === harness.project && !s.watching);
    harness.core.switchHost({ host: testDockerHost() });
    expect(harness.core.watch().watcher(harness.project)).toBeUndefined();
    const state = await stopped;
    expect(state.error?.message).toMatch(/Docker host changed to unix:/);
    expect(state.error?.hint).toMatch(/start watching again/);
    expect(harness.core.watch().status(harness.project)).toMatchObject({ watching: false, error: state.error });
    expect((await harness.core.watch().start(project)).watching).toBe(true);
    expect(harness.core.watch().status(harness.project).error).toBeUndefined();
  });
});
