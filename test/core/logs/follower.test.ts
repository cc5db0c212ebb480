import { afterAll, describe, expect, it } from 'vitest';
import type { LogLine } from '../../../shared/contract/logs';
import { LogFollower } from '../../../electron/core/logs/log-follower';
import { EngineEvents } from '../../../electron/core/docker/engine-events';
import { removeProjectResources, testDocker, uniqueProjectName } from '../../support/engine';
import { createServiceContainer, waitExit } from './labelled-container';

const docker = testDocker();
const projects: string[] = [];
function project(prefix: string): string {
  const name = uniqueProjectName(prefix);
  projects.push(name);
  return name;
}

afterAll(async () => {
  await Promise.all(projects.map((p) => removeProjectResources(docker, p)));
});

async function history(projectId: string, extra: { tail?: number; services?: string[] } = {}): Promise<LogLine[]> {
  const lines: LogLine[] = [];
  const follower = new LogFollower({ docker, projectId, follow: false, sink: (batch) => void lines.push(...batch), ...extra });
  await follower.start();
  return lines;
}

describe('logs from the engine', () => {
  it('reads 200k lines of stdout and 1k of stderr complete and in order', async () => {
    const name = project('big');
    const c = await createServiceContainer(docker, name, 'chatty', 'seq 1 200000 | sed "s/^/out /"; seq 1 1000 | sed "s/^/err /" >&2');
    expect(await waitExit(c)).toBe(0);
    const lines = await history(name);
    const out = lines.filter((l) => l.stream === 'stdout');
    const err = lines.filter((l) => l.stream === 'stderr');
    expect(out).toHaveLength(200_000);
    expect(err).toHaveLength(1000);
    for (let i = 0; i < out.length; i++) if (out[i]?.text !== `out ${i + 1}`) throw new Error(`stdout line ${i} is ${out[i]?.text}`);
    expect(err.map((l) => l.text)).toEqual([...Array(1000).keys()].map((i) => `err ${i + 1}`));
    expect(lines.every((l) => l.service === 'chatty')).toBe(true);
    // The engine stamps each stream as it reads it: time order holds within a stream.
    for (const stream of [out, err]) {
      for (let i = 1; i < stream.length; i++) if ((stream[i] as LogLine).ts < (stream[i - 1] as LogLine).ts) throw new Error(`line ${i} goes back in time`);
    }
  });

  it('takes the last N lines per service with tail', async () => {
    const name = project('tail');
    const a = await createServiceContainer(docker, name, 'alpha', 'seq 1 50');
    const b = await createServiceContainer(docker, name, 'beta', 'seq 101 150');
    await Promise.all([waitExit(a), waitExit(b)]);
    const lines = await history(name, { tail: 3 });
    expect(lines.filter((l) => l.service === 'alpha').map((l) => l.text)).toEqual(['48', '49', '50']);
    expect(lines.filter((l) => l.service === 'beta').map((l) => l.text)).toEqual(['148', '149', '150']);
    const onlyBeta = await history(name, { tail: 2, services: ['beta'] });
    expect(onlyBeta.map((l) => `${l.service}:${l.text}`)).toEqual(['beta:149', 'beta:150']);
  });

  it('merges services by time', async () => {
    const name = project('merge');
    const a = await createServiceContainer(docker, name, 'alpha', 'sleep 0.5; echo a1; sleep 1; echo a2; sleep 1; echo a3', { start: false });
    const b = await createServiceContainer(docker, name, 'beta', 'sleep 1; echo b1; sleep 1; echo b2', { start: false });
    await Promise.all([a.start(), b.start()]);
    await Promise.all([waitExit(a), waitExit(b)]);
    const lines = await history(name);
    expect(lines.map((l) => l.text)).toEqual(['a1', 'b1', 'a2', 'b2', 'a3']);
  });

  it('reads a TTY container raw', async () => {
    const name = project('tty');
    const c = await createServiceContainer(docker, name, 'term', 'printf "\\033[31mred\\033[0m\\n"; echo plain', { tty: true });
    await waitExit(c);
    const lines = await history(name);
    expect(lines.map((l) => l.text)).toEqual(['\u001b[31mred\u001b[0m', 'plain']);
    expect(lines.every((l) => l.stream === 'stdout')).toBe(true);
  });

  it('follows across a restart and a recreation: one log per service, a marker line, no duplicates', async () => {
    const name = project('follow');
    const script = 'echo "boot $HOSTNAME"; i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 0.1; done';
    const first = await createServiceContainer(docker, name, 'ticker', script);
    const events = new EngineEvents(docker);
    await events.start();
    const lines: LogLine[] = [];
    let waiter: { test: () => boolean; resolve: () => void } | undefined;
    const until = (test: () => boolean) => new Promise<void>((resolve, reject) => {
      if (test()) return resolve();
      const timer = setTimeout(() => reject(new Error(`lines so far:\n${lines.map((l) => `${l.stream} ${l.text}`).join('\n')}`)), 30_000);
      waiter = { test, resolve: () => { clearTimeout(timer); resolve(); } };
    });
    const follower = new LogFollower({
      docker, projectId: name, follow: true, events,
      sink: (batch) => {
        lines.push(...batch);
        if (waiter?.test()) waiter.resolve();
      },
    });
    try {
      await follower.start();
      await until(() => lines.filter((l) => l.text.startsWith('tick')).length >= 3);
      await first.restart({ t: 0 });
      await until(() => lines.some((l) => l.stream === 'system' && l.text.includes('restarted')) && lines.filter((l) => l.text.startsWith('boot')).length >= 2 && lines.at(-1)?.text.startsWith('tick') === true);
      await first.remove({ force: true });
      await createServiceContainer(docker, name, 'ticker', script);
      await until(() => lines.some((l) => l.stream === 'system' && l.text.includes('recreated')) && lines.filter((l) => l.text.startsWith('boot')).length >= 3 && lines.at(-1)?.text.startsWith('tick') === true);
    } finally {
      follower.stop();
      events.stop();
    }
    expect(new Set(lines.map((l) => l.service))).toEqual(new Set(['ticker']));
    const out = lines.filter((l) => l.stream === 'stdout').map((l) => l.text);
    // Each run counts from 0 without a gap or a repeat.
    const runs: string[][] = [];
    for (const text of out) {
      if (text.startsWith('boot')) runs.push([]);
      else runs.at(-1)?.push(text);
    }
    expect(runs).toHaveLength(3);
    for (const run of runs) expect(run).toEqual(run.map((_, i) => `tick ${i}`));
  });
});
