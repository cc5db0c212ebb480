import { afterAll, describe, expect, it } from 'vitest';
import type { LogBatch, LogLine } from '../../../shared/contract/logs';
import { EngineEvents } from '../../../electron/core/docker/engine-events';
import { LogHub } from '../../../electron/core/logs/log-hub';
import { SlipwayCore } from '../../../electron/core/slipway-core';
import { removeProjectResources, testDocker, testEnv, uniqueProjectName } from '../../support/engine';
import { createServiceContainer, waitExit } from './labelled-container';

const docker = testDocker();
const projects: string[] = [];
const events = new EngineEvents(docker);

afterAll(async () => {
  events.stop();
  await Promise.all(projects.map((p) => removeProjectResources(docker, p)));
});

function newProject(prefix: string): string {
  const name = uniqueProjectName(prefix);
  projects.push(name);
  return name;
}

describe('the log hub: rings, batches, flow control, search', () => {
  it('holds the ring bound, pauses a consumer that does not ack, and says what it skipped', async () => {
    const name = newProject('hub');
    const batches: LogBatch[] = [];
    let onBatch: (() => void) | undefined;
    const hub = new LogHub({
      docker: () => docker,
      events: async () => {
        await events.start();
        return events;
      },
      send: (batch) => {
        batches.push(batch);
        onBatch?.();
      },
      ringLines: 1000,
      flow: { flushMs: 10, maxLines: 100, maxUnacked: 2 },
    });
    const until = (test: () => boolean) => new Promise<void>((resolve) => {
      if (test()) return resolve();
      onBatch = () => {
        if (test()) resolve();
      };
    });
    try {
      const c = await createServiceContainer(docker, name, 'chatty', 'seq 1 5000 | sed "s/^/line /"');
      await waitExit(c);
      const { subscriptionId: id } = await hub.subscribe({ projectId: name }, 'test');
      const logs = await hub.project(name);
      expect(logs.rings.get('chatty')?.size).toBe(1000);
      // Two batches, then it waits for acks.
      await until(() => batches.length >= 2);
      const paused = batches.length;
      expect(paused).toBe(2);
      // More output while the consumer is paused: the ring keeps only the newest 1000.
      const second = await createServiceContainer(docker, name, 'chatty', 'seq 1 3000 | sed "s/^/live /"', { number: 2 });
      await waitExit(second);
      const ringHolds = (text: string) => {
        const r = logs.rings.get('chatty');
        return r !== undefined && r.size > 0 && r.text(r.end - 1) === text;
      };
      await new Promise<void>((resolve) => {
        if (ringHolds('live 3000')) return resolve();
        const off = logs.onAppend(() => {
          if (!ringHolds('live 3000')) return;
          off();
          resolve();
        });
      });
      expect(batches.length).toBe(paused);
      // From now on the consumer keeps up: it acks every batch.
      hub.ack(id, 2);
      await until(() => {
        const last = batches.at(-1);
        if (last) hub.ack(id, last.batchId);
        return batches.flatMap((b) => b.lines).some((l) => l.text === 'live 3000');
      });
      for (const [label, r] of logs.rings) expect(r.size, label).toBeLessThanOrEqual(1000);
      const received = batches.flatMap((b) => b.lines);
      const texts = received.map((l) => l.text);
      expect(texts.slice(0, 200)).toEqual(texts.slice(0, 200).map((_, i) => `line ${4001 + i}`));
      const skipped = received.findIndex((l) => l.stream === 'system' && /lines skipped/.test(l.text));
      expect(skipped).toBe(200);
      const live = received.slice(skipped + 1).filter((l) => l.stream === 'stdout').map((l) => l.text);
      const from = Number(live[0]?.split(' ')[1]);
      expect(live).toEqual(live.map((_, i) => `live ${from + i}`));
      expect(live.at(-1)).toBe('live 3000');
      expect(batches.map((b) => b.batchId)).toEqual(batches.map((_, i) => i + 1));
      expect(batches.every((b) => b.lines.length <= 101)).toBe(true);
    } finally {
      hub.dispose();
    }
  });

  it('searches the rings by substring and regex, case toggled', async () => {
    const name = newProject('search');
    const core = new SlipwayCore({ env: testEnv(), logRingLines: 10_000 });
    try {
      const a = await createServiceContainer(docker, name, 'api', 'for i in 1 2 3 4 5 6 7 8 9 10; do echo "GET /users/$i 200"; echo "ERROR user $i failed" >&2; done');
      const b = await createServiceContainer(docker, name, 'worker', 'for i in 1 2 3; do echo "error: job $i"; done');
      await Promise.all([waitExit(a), waitExit(b)]);
      const search = async (query: string, regex: boolean, caseSensitive: boolean, services?: string[]) => {
        const result = await core.call('logs.search', { projectId: name, query, regex, caseSensitive, ...(services ? { services } : {}) });
        if (!result.ok) throw new Error(result.error.message);
        return (result.value as { matches: LogLine[] }).matches;
      };
      expect(await search('error', false, true)).toHaveLength(3);
      expect(await search('error', false, false)).toHaveLength(13);
      expect((await search('ERROR user \\d+ failed$', true, true)).map((l) => l.stream)).toEqual(Array(10).fill('stderr'));
      expect((await search('^get /users/1\\d? ', true, false)).map((l) => l.text)).toEqual(['GET /users/1 200', 'GET /users/10 200']);
      expect(await search('error', false, false, ['worker'])).toHaveLength(3);
      const bad = await core.call('logs.search', { projectId: name, query: '([a-z', regex: true, caseSensitive: false });
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_regex' } });
    } finally {
      await core.dispose();
    }
  });
});
