/**
 * The file watcher against its peer, each in a process of its own on the same trees:
 *  - native: the watcher Slipway uses (NativeWatcher: @parcel/watcher, ignored folders left out);
 *  - chokidar: stock chokidar 4 with public options only, folders only (`ignored` drops files,
 *    each folder's `raw` events name the changed file — the cheapest chokidar setup there is).
 * For each tree size: ready time (scan + native watches), RSS above a process without a
 * watcher, idle CPU over `--idle-seconds`, and per save (an existing file rewritten, a new file
 * written) the time to the first event in JavaScript and the spread of its events (first to
 * last event naming the file within 300 ms: what a coalescing window has to cover).
 * Usage: node bench/watch/run.mjs peers [--sizes 20000,50000] [--saves 20] [--idle-seconds 10]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { FSWatcher } from 'chokidar';
import type { Project } from '../../shared/model/project';
import { nativeIgnores } from '../../electron/core/watch/native-ignores';
import { NativeWatcher } from '../../electron/core/watch/native-watcher';
import { planWatch } from '../../electron/core/watch/watch-plan';

const { values } = parseArgs({
  options: {
    child: { type: 'string' },
    tree: { type: 'string' },
    sizes: { type: 'string', default: '20000,50000' },
    saves: { type: 'string', default: '20' },
    'idle-seconds': { type: 'string', default: '10' },
  },
});
const SAVES = Number(values.saves);
const IDLE_SECONDS = Number(values['idle-seconds']);
const WATCHERS = ['baseline', 'chokidar', 'native'] as const;
type WatcherName = (typeof WATCHERS)[number];

interface ChildResult {
  watcher: WatcherName;
  readyMs: number;
  rssMb: number;
  idleCpuPercent: number;
  saveToEventMs: number[];
  newFileToEventMs: number[];
  spreadPerSaveMs: number[];
}

const round = (n: number) => Math.round(n * 10) / 10;
const median = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.floor(samples.length / 2)] ?? NaN;
const p95 = (samples: number[]) => [...samples].sort((a, b) => a - b)[Math.min(samples.length - 1, Math.ceil(0.95 * samples.length) - 1)] ?? NaN;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function cpuPercentOver(seconds: number): Promise<number> {
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  return delay(seconds * 1000).then(() => {
    const cpu = process.cpuUsage(cpu0);
    return ((cpu.user + cpu.system) / 1000 / (performance.now() - wall0)) * 100;
  });
}

/** Starts one watcher on `tree`; `onEvent` gets every changed path. Resolves when it is ready, with its closer. */
async function startWatcher(name: WatcherName, tree: string, onEvent: (changed: string) => void): Promise<() => Promise<void>> {
  if (name === 'baseline') return async () => undefined;
  if (name === 'chokidar') {
    const watcher = new FSWatcher({ ignoreInitial: true, followSymlinks: false, ignored: (_candidate: string, stats?: { isFile(): boolean }) => stats?.isFile() ?? false });
    watcher.on('raw', (_event, changed, details) => {
      const watched: unknown = typeof details === 'object' && details !== null ? Reflect.get(details, 'watchedPath') : undefined;
      if (typeof watched === 'string' && changed) onEvent(path.join(watched, changed));
    });
    watcher.add(tree);
    await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));
    return () => watcher.close();
  }
  const project: Project = { name: 'peers', workingDir: tree, configFiles: [], profiles: [], model: { name: 'peers', services: { app: { develop: { watch: [{ path: tree, action: 'sync', target: '/app' }] } } } }, disabledServices: {}, warnings: [] };
  const plan = planWatch(project);
  const watcher = new NativeWatcher({
    ignoreFor: (folder) => nativeIgnores(folder, plan.rules, () => false),
    onChange: (change) => onEvent(change.path),
    onRootGone: () => undefined,
    onError: (error) => console.error(error),
  });
  await watcher.watchFolder(tree);
  return () => watcher.close();
}

/** Time from writing `file` to its first event, and from its first event to its last within 300 ms. */
async function timeSave(file: string, waiters: Map<string, (t: number) => void>, lastEvent: Map<string, number>): Promise<{ ms: number; spreadMs: number }> {
  lastEvent.set(file, NaN);
  const seen = new Promise<number>((resolve) => waiters.set(file, resolve));
  const t0 = performance.now();
  writeFileSync(file, `saved at ${t0}\n`);
  const first = await seen;
  await delay(300);
  const last = lastEvent.get(file) ?? first;
  lastEvent.delete(file);
  return { ms: first - t0, spreadMs: last - first };
}

async function child(name: WatcherName, tree: string): Promise<ChildResult> {
  const waiters = new Map<string, (t: number) => void>();
  const lastEvent = new Map<string, number>();
  const onEvent = (changed: string) => {
    const t = performance.now();
    if (lastEvent.has(changed)) lastEvent.set(changed, t);
    waiters.get(changed)?.(t);
    waiters.delete(changed);
  };
  const t0 = performance.now();
  const close = await startWatcher(name, tree, onEvent);
  const readyMs = performance.now() - t0;
  const rssMb = process.memoryUsage().rss / 1024 / 1024;
  const idleCpuPercent = await cpuPercentOver(IDLE_SECONDS);
  const saveToEventMs: number[] = [];
  const newFileToEventMs: number[] = [];
  const spreadPerSaveMs: number[] = [];
  if (name !== 'baseline') {
    for (let i = 0; i < SAVES; i++) {
      await delay(600); // a save after a quiet spell, as an editor makes one
      const folder = path.join(tree, 'pkg0', `mod${(i * 7) % 20}`);
      const existing = await timeSave(path.join(folder, 'file1.py'), waiters, lastEvent);
      saveToEventMs.push(existing.ms);
      spreadPerSaveMs.push(existing.spreadMs);
      await delay(600);
      const created = await timeSave(path.join(folder, `new${i}.py`), waiters, lastEvent);
      newFileToEventMs.push(created.ms);
      spreadPerSaveMs.push(created.spreadMs);
    }
  }
  await close();
  return { watcher: name, readyMs, rssMb, idleCpuPercent, saveToEventMs, newFileToEventMs, spreadPerSaveMs };
}

function makeTree(files: number): string {
  const tree = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'swpeers-')));
  const perDir = 100;
  for (let d = 0; d < Math.ceil(files / perDir); d++) {
    const sub = path.join(tree, `pkg${Math.floor(d / 20)}`, `mod${d}`);
    mkdirSync(sub, { recursive: true });
    for (let f = 0; f < perDir && d * perDir + f < files; f++) writeFileSync(path.join(sub, `file${f}.py`), `# ${d}/${f}\n`);
  }
  // Dependencies as a project has them: never watched by Slipway, scanned by chokidar's folders-only setup.
  for (let d = 0; d < 50; d++) {
    const sub = path.join(tree, 'node_modules', `dep${d}`, 'lib');
    mkdirSync(sub, { recursive: true });
    for (let f = 0; f < 20; f++) writeFileSync(path.join(sub, `index${f}.js`), '');
  }
  return tree;
}

async function main(): Promise<void> {
  if (values.child && values.tree) {
    const name = WATCHERS.find((w) => w === values.child);
    if (!name) throw new Error(`unknown watcher ${values.child}`);
    console.log(JSON.stringify(await child(name, values.tree)));
    return;
  }
  const script = process.argv[1] ?? '';
  const load = [os.loadavg()];
  const rows: Array<Record<string, unknown>> = [];
  for (const size of values.sizes.split(',').map(Number)) {
    const tree = makeTree(size);
    try {
      const results = new Map<WatcherName, ChildResult>();
      for (const name of WATCHERS) {
        const run = spawnSync(process.execPath, [script, '--child', name, '--tree', tree, '--saves', String(SAVES), '--idle-seconds', String(IDLE_SECONDS)], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
        if (run.status !== 0) throw new Error(`${name} on ${size} files failed: ${run.stderr}`);
        const lastLine = run.stdout.trim().split('\n').pop() ?? '';
        const result = JSON.parse(lastLine) as ChildResult;
        results.set(name, result);
      }
      const base = results.get('baseline');
      for (const name of ['chokidar', 'native'] as const) {
        const r = results.get(name);
        if (!r || !base) continue;
        rows.push({
          files: size,
          watcher: name,
          readyMs: Math.round(r.readyMs),
          rssAboveBaselineMb: Math.round(r.rssMb - base.rssMb),
          idleCpuPercent: Math.round(r.idleCpuPercent * 100) / 100,
          idleCpuPercentBaseline: Math.round(base.idleCpuPercent * 100) / 100,
          saveToEventMs: { median: round(median(r.saveToEventMs)), p95: round(p95(r.saveToEventMs)) },
          newFileToEventMs: { median: round(median(r.newFileToEventMs)), p95: round(p95(r.newFileToEventMs)) },
          eventSpreadPerSaveMs: { median: round(median(r.spreadPerSaveMs)), max: round(Math.max(...r.spreadPerSaveMs)), over20Ms: `${r.spreadPerSaveMs.filter((ms) => ms > 20).length}/${r.spreadPerSaveMs.length}` },
        });
      }
    } finally {
      rmSync(tree, { recursive: true, force: true });
    }
  }
  load.push(os.loadavg());
  console.log(JSON.stringify({ rows, loadAverage: load.map((l) => l.map((n) => round(n))), cpus: os.cpus().length }, null, 2));
}

await main();
