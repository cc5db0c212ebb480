/**
 * Synchronized shares against the Docker CLI, in one run on one engine:
 *  - initial fill: a folder of FILES files into a fresh volume — Slipway's fill (one tar
 *    stream through the archive API of a filler container it creates and removes) against
 *    `docker cp FOLDER/. CONTAINER:/target` into a created container with a fresh volume;
 *  - save → visible: a file written on the host until it is in the running container —
 *    the watcher's sync (from the write until its watch.reload: the archive upload has
 *    returned) against `docker cp FILE CONTAINER:/www/` (from the write until it exits).
 * Every copy is checked (file count, file content) or the run fails.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SlipwayCore } from '../../electron/core/slipway-core';
import { fillVolume } from '../../electron/core/shares/fill-volume';
import type { WatchReload } from '../../shared/contract/watch';
import { ensureBusyboxImage } from '../../test/support/stand-in-image';

const { values } = parseArgs({ options: { files: { type: 'string', default: '10000' }, bytes: { type: 'string', default: '2048' }, rounds: { type: 'string', default: '3' }, saves: { type: 'string', default: '20' }, 'pause-ms': { type: 'string', default: '600' } } });
const FILES = Number(values.files);
const BYTES = Number(values.bytes);
const ROUNDS = Number(values.rounds);
const SAVES = Number(values.saves);
/**
 * Time between saves: a person saves seconds apart. The native watcher hands over the first
 * event after 500 ms of quiet at once and batches later ones for 50 ms (its own debounce), so
 * `--pause-ms 0` measures back-to-back saves, each 50 ms later.
 */
const PAUSE_MS = Number(values['pause-ms']);
const dockerCli = ['/usr/bin/docker', '/usr/local/bin/docker'].find((p) => existsSync(p)) ?? 'docker';

const core = new SlipwayCore({ env: process.env });
const docker = core.docker().docker;
const name = `swbenchsync${process.pid}`;
const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'swbench-sync-')));
const www = path.join(dir, 'www');
const load = () => os.loadavg().map((l) => l.toFixed(1)).join(' ');

function cli(args: string[]): number {
  const t0 = performance.now();
  const result = spawnSync(dockerCli, args, { env: process.env, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (result.status !== 0) throw new Error(`docker ${args.join(' ')} failed: ${result.stderr}`);
  return ms;
}

function countIn(volume: string): number {
  const out = spawnSync(dockerCli, ['run', '--rm', '--network', 'none', '-v', `${volume}:/v`, 'busybox:latest', 'sh', '-c', 'find /v -type f | wc -l'], { env: process.env, encoding: 'utf8' });
  return Number(out.stdout.trim());
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.ceil(0.95 * xs.length) - 1)] ?? NaN;

async function main(): Promise<void> {
  await ensureBusyboxImage(docker);
  for (let i = 0; i < FILES; i++) {
    const sub = path.join(www, `d${i % 100}`);
    mkdirSync(sub, { recursive: true });
    writeFileSync(path.join(sub, `f${i}.html`), Buffer.alloc(BYTES, 97 + (i % 26)));
  }
  console.log(`load average before: ${load()}`);

  const fill = { slipway: [] as number[], docker: [] as number[] };
  for (let r = 0; r < ROUNDS; r++) {
    const ours = `${name}_fill_s${r}`;
    const theirs = `${name}_fill_d${r}`;
    await docker.createVolume({ Name: ours });
    await docker.createVolume({ Name: theirs });
    const t0 = performance.now();
    await fillVolume(docker, 'busybox:latest', ours, www, 'bench: ');
    fill.slipway.push(performance.now() - t0);
    const target = await docker.createContainer({ Image: 'busybox:latest', Cmd: ['true'], HostConfig: { Binds: [`${theirs}:/target`], NetworkMode: 'none' } });
    fill.docker.push(cli(['cp', `${www}/.`, `${target.id}:/target`]));
    await target.remove({ force: true });
    for (const volume of [ours, theirs]) if (countIn(volume) !== FILES) throw new Error(`${volume} does not hold ${FILES} files`);
    await Promise.all([ours, theirs].map((v) => docker.getVolume(v).remove()));
  }

  writeFileSync(path.join(dir, 'compose.yaml'), `name: ${name}
x-slipway:
  sync: ["web:./www"]
services:
  web:
    image: busybox:latest
    init: true
    network_mode: none
    command: ["sleep", "3600"]
    volumes: ["./www:/www"]
    stop_grace_period: 1s
`);
  await core.projects.openProject({ cwd: dir });
  await core.client().runTask('stack.up', { projectId: name });
  const [web] = await docker.listContainers({ filters: { label: [`com.docker.compose.project=${name}`] } });
  if (!web) throw new Error('the web container is not running');
  const save = { slipway: [] as number[], docker: [] as number[] };
  for (let i = 0; i < SAVES; i++) {
    await new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
    const file = `save-${i}.html`;
    const synced = new Promise<WatchReload>((resolve) => {
      const off = core.events.on('watch.reload', (reload) => {
        if (!reload.files.includes(`www/${file}`)) return;
        off();
        resolve(reload);
      });
    });
    let t0 = performance.now();
    writeFileSync(path.join(www, file), `saved ${i}\n`);
    const reload = await synced;
    save.slipway.push(performance.now() - t0);
    if (!reload.ok) throw new Error(`sync failed: ${reload.error?.message}`);
    const raw = path.join(dir, `raw-${i}.html`);
    t0 = performance.now();
    writeFileSync(raw, `raw ${i}\n`);
    cli(['cp', raw, `${web.Id}:/www/raw-${i}.html`]);
    save.docker.push(performance.now() - t0);
  }
  const check = spawnSync(dockerCli, ['exec', web.Id, 'sh', '-c', `cat /www/save-${SAVES - 1}.html /www/raw-${SAVES - 1}.html`], { env: process.env, encoding: 'utf8' });
  if (check.stdout !== `saved ${SAVES - 1}\nraw ${SAVES - 1}\n`) throw new Error(`the last saves are not in the container: ${check.stdout}`);

  const ratio = (s: number[], d: number[]) => (median(s) / median(d)).toFixed(2);
  console.log(`${FILES} files of ${BYTES} bytes in 100 folders; fill: medians of ${ROUNDS}; saves: ${SAVES}, ${PAUSE_MS} ms apart`);
  console.log('| measure | result |\n| --- | --- |');
  console.log(`| initial fill | docker cp ${median(fill.docker).toFixed(0)} ms · Slipway fill ${median(fill.slipway).toFixed(0)} ms = **${ratio(fill.slipway, fill.docker)}×** |`);
  console.log(`| save → visible (median) | docker cp ${median(save.docker).toFixed(0)} ms · Slipway sync ${median(save.slipway).toFixed(0)} ms = **${ratio(save.slipway, save.docker)}×** |`);
  console.log(`| save → visible (p95) | docker cp ${p95(save.docker).toFixed(0)} ms · Slipway sync ${p95(save.slipway).toFixed(0)} ms |`);
  console.log(`load average after: ${load()}`);
}

try {
  await main();
} finally {
  await core.client().runTask('stack.down', { projectId: name, volumes: true }).catch(() => undefined);
  await core.dispose();
  rmSync(dir, { recursive: true, force: true });
}
