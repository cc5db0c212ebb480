// The project file is live: save of compose.yaml → the changed service recreated and
// running, against a manual `up` of the same change in the same run — the project read
// again and upProject, in process (what `slipway up` does, without starting a process),
// and the `slipway up -d` command itself. Alternating rounds on one project of two services.
// Usage: node bench/watch/run.mjs livefile [--rounds 10]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SlipwayCore } from '../../electron/core/slipway-core';
import { upProject } from '../../electron/core/stack/up';
import type { LiveFileApplied } from '../../shared/contract/livefile';
import { ensureBusyboxImage } from '../../test/support/stand-in-image';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '10' } } });
const rounds = Number(values.rounds);
const service = (seconds: number) => `    image: busybox:latest\n    init: true\n    network_mode: none\n    stop_grace_period: 1s\n    command: ["sleep", "${seconds}"]\n`;
const compose = (seconds: number) => `services:\n  web:\n${service(seconds)}  worker:\n${service(3600)}`;

const core = new SlipwayCore({ env: process.env });
const client = core.client();
const docker = core.docker().docker;
await ensureBusyboxImage(docker);
const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'swlivebench-')));
const name = `livebench${process.pid}`;
const file = path.join(dir, 'compose.yaml');
const cli = path.join(process.cwd(), 'bin', 'slipway.cjs');
let seconds = 3600;
writeFileSync(file, compose(seconds));
await client.call('projects.open', { path: dir, projectName: name, transient: true });
await upProject(core, core.projects.get(name), {});

const nextApplied = () => new Promise<LiveFileApplied>((resolve) => {
  const off = core.events.on('livefile.applied', (applied) => {
    off();
    resolve(applied);
  });
});

const live: number[] = [];
const liveReloaded: number[] = [];
const manual: number[] = [];
const command: number[] = [];

/** Live: follow the files, save, wait for the applied event (after up returned: recreated and started). */
async function liveRound(round: number): Promise<void> {
  await client.call('livefile.follow', { projectId: name, autoApply: true });
  const applied = nextApplied();
  let reloadedAt = 0;
  const off = core.events.on('livefile.state', (state) => {
    if (reloadedAt === 0 && state.changes.length > 0) reloadedAt = performance.now();
  });
  const saved = performance.now();
  writeFileSync(file, compose(++seconds));
  const result = await applied;
  off();
  if (!result.ok || result.actions.web !== 'recreated') throw new Error(`live round ${round}: ${JSON.stringify(result)}`);
  live.push(performance.now() - saved);
  liveReloaded.push(reloadedAt - saved);
  await client.call('livefile.unfollow', { projectId: name });
}

/** Manual, in process: save, read the project again, up. */
async function manualRound(round: number): Promise<void> {
  const before = performance.now();
  writeFileSync(file, compose(++seconds));
  const up = await upProject(core, await core.projects.reload(name), {});
  if (up.actions.web !== 'recreated') throw new Error(`manual round ${round}: ${JSON.stringify(up.actions)}`);
  manual.push(performance.now() - before);
}

for (let round = 0; round < rounds; round++) {
  // Alternating which goes first, so neither always follows the engine's busiest moment.
  if (round % 2 === 0) {
    await liveRound(round);
    await manualRound(round);
  } else {
    await manualRound(round);
    await liveRound(round);
  }
  // Manual, as a person does it: save, then `slipway up -d`.
  const typed = performance.now();
  writeFileSync(file, compose(++seconds));
  execFileSync(process.execPath, [cli, '-p', name, 'up', '-d'], { cwd: dir, stdio: 'ignore', env: process.env });
  command.push(performance.now() - typed);
  await core.projects.reload(name);
}

const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)] ?? 0;
const p95 = (list: number[]) => [...list].sort((a, b) => a - b)[Math.min(list.length - 1, Math.ceil(list.length * 0.95) - 1)] ?? 0;
const ms = (n: number) => Math.round(n);
console.log(JSON.stringify({
  rounds,
  loadAverage: os.loadavg().map((n) => Math.round(n * 10) / 10),
  liveSaveToRunning: { median: ms(median(live)), p95: ms(p95(live)) },
  liveSaveToReloaded: { median: ms(median(liveReloaded)), p95: ms(p95(liveReloaded)) },
  manualReloadAndUpInProcess: { median: ms(median(manual)), p95: ms(p95(manual)) },
  manualSlipwayUpCommand: { median: ms(median(command)), p95: ms(p95(command)) },
  ratioLiveToInProcess: Math.round((median(live) / median(manual)) * 100) / 100,
  targetMs: Math.round(median(manual) * 1.2 + 50),
}, null, 2));

execFileSync(process.execPath, [cli, '-p', name, 'down', '-t', '1'], { cwd: dir, stdio: 'ignore', env: process.env });
await core.dispose();
rmSync(dir, { recursive: true, force: true });
