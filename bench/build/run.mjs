// Build context and build time with the classic builder (DOCKER_BUILDKIT=0 on both sides):
// `slipway build` against `docker build`
// on the same context — a small app plus a 20 MB node_modules that .dockerignore excludes,
// and a build arg. Alternating runs on the same engine, in one run of this script.
//
//   node scripts/build.mjs cli && node bench/build/run.mjs [--runs N] [--bin path/to/slipway.cjs]
//
// Context bytes: both clients talk to the engine through a counting proxy once, which
// records the body of POST /build (the tar exactly as sent). Build time: wall clock of
// each command from spawn to exit, --no-cache (every step runs) and cached (no step runs).
// Three contenders: `docker build` (a Go binary), the `slipway build` command (a Node process:
// its start-up, loading the compose file, then the build), and the core's `images.build` call
// in a running core (what the dashboard's Build button does), timed from call to task.done.
// Uses DOCKER_HOST (or the default socket) and the docker CLI on PATH.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startContextProxy } from './context-proxy.mjs';
import { coreBuild, median, root, startCore, timed } from './harness.mjs';

const binArg = process.argv.indexOf('--bin');
const slipwayBin = binArg > 0 ? path.resolve(process.argv[binArg + 1]) : path.join(root, 'bin/slipway.cjs');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 5;
const host = process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock';
if (!host.startsWith('unix://')) throw new Error('bench/build needs a unix:// DOCKER_HOST (the byte-counting proxy listens on a unix socket)');
const engineSocket = host.slice('unix://'.length);

const dir = mkdtempSync(path.join(tmpdir(), 'swbb-'));
// Outside the context, so the captured tars are not themselves sent.
const captureDir = mkdtempSync(path.join(tmpdir(), 'swbc-'));
const project = `benchbuild${process.pid}`;
const image = `${project}-app`;
const DOCKERFILE = 'FROM busybox:latest\nARG VERSION\nCOPY . /app\nRUN echo "$VERSION" > /version && find /app -type f | wc -l\n';

function makeContext() {
  writeFileSync(path.join(dir, 'compose.yaml'), `name: ${project}\nservices:\n  app:\n    build:\n      context: .\n      network: none\n      args:\n        VERSION: "1.0.0"\n`);
  writeFileSync(path.join(dir, 'Dockerfile'), DOCKERFILE);
  writeFileSync(path.join(dir, '.dockerignore'), 'node_modules\n*.log\n.git\n');
  for (let i = 0; i < 200; i++) {
    mkdirSync(path.join(dir, 'src', `mod${i % 20}`), { recursive: true });
    writeFileSync(path.join(dir, 'src', `mod${i % 20}`, `file${i}.js`), `export const value${i} = ${JSON.stringify('x'.repeat(2000 + i))};\n`);
  }
  writeFileSync(path.join(dir, 'debug.log'), 'noise\n'.repeat(10000));
  // 20 MB of dependencies in 2000 files, as a real node_modules spreads them.
  const chunk = Buffer.alloc(10 * 1024, 'm');
  for (let i = 0; i < 2000; i++) {
    const pkg = path.join(dir, 'node_modules', `pkg${i % 100}`, 'lib');
    mkdirSync(pkg, { recursive: true });
    writeFileSync(path.join(pkg, `f${i}.js`), chunk);
  }
}

const run = (cmd, args, env) => timed(cmd, args, { cwd: dir, env });

const dockerArgs = (noCache) => ['build', ...(noCache ? ['--no-cache'] : []), '--network', 'none', '--build-arg', 'VERSION=1.0.0', '-t', `${image}:latest`, '.'];
const slipwayArgs = (noCache) => ['build', ...(noCache ? ['--no-cache'] : [])];
const dockerEnv = { DOCKER_BUILDKIT: '0' };
const tools = {
  docker: (noCache, env = {}) => run('docker', dockerArgs(noCache), { ...dockerEnv, ...env }),
  slipway: (noCache, env = {}) => run(process.execPath, [slipwayBin, ...slipwayArgs(noCache)], { DOCKER_BUILDKIT: '0', ...env }),
  core: (noCache) => coreBuildHere(noCache),
};

let core;
// The classic builder on both sides: this benchmark compares contexts as the classic builder gets them.
const startClassicCore = async () => (core = await startCore(dir, { ...process.env, DOCKER_BUILDKIT: '0' }));
const coreBuildHere = (noCache) => coreBuild(core, project, noCache);

async function contextBytes() {
  const proxySocket = path.join(captureDir, 'p.sock');
  const proxy = await startContextProxy(proxySocket, engineSocket, path.join(captureDir, 'captured'));
  try {
    const env = { DOCKER_HOST: `unix://${proxySocket}` };
    await tools.docker(false, env);
    await tools.slipway(false, env);
  } finally {
    await proxy.close();
  }
  const [docker, slipway] = proxy.captured;
  return { docker: docker.bytes, slipway: slipway.bytes, dockerTar: docker.file, slipwayTar: slipway.file };
}

async function listing(tarFile) {
  const out = await new Promise((resolve, reject) => {
    const child = spawn('tar', ['tvf', tarFile], { stdio: ['ignore', 'pipe', 'inherit'] });
    let text = '';
    child.stdout.on('data', (d) => (text += d));
    child.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`tar exited ${code}`))));
  });
  return out.split('\n').filter(Boolean).sort();
}

try {
  makeContext();
  const bytes = await contextBytes();
  const [dockerList, slipwayList] = await Promise.all([listing(bytes.dockerTar), listing(bytes.slipwayTar)]);
  const sameEntries = JSON.stringify(dockerList) === JSON.stringify(slipwayList);
  await startClassicCore();
  const times = { noCache: { docker: [], slipway: [], core: [] }, cached: { docker: [], slipway: [], core: [] } };
  // Warm each once (page cache, engine), then rotate which goes first.
  await tools.docker(false);
  await tools.slipway(false);
  await tools.core(false);
  const orders = [['docker', 'slipway', 'core'], ['slipway', 'core', 'docker'], ['core', 'docker', 'slipway']];
  for (let i = 0; i < RUNS; i++) {
    const order = orders[i % orders.length];
    for (const mode of ['noCache', 'cached']) {
      for (const tool of order) times[mode][tool].push(await tools[tool](mode === 'noCache'));
    }
  }
  const summary = {
    runs: RUNS,
    contextBytes: { docker: bytes.docker, slipway: bytes.slipway, same: bytes.docker === bytes.slipway, sameEntries, entries: dockerList.length },
    noCache: { dockerMs: median(times.noCache.docker), slipwayMs: median(times.noCache.slipway), coreMs: median(times.noCache.core) },
    cached: { dockerMs: median(times.cached.docker), slipwayMs: median(times.cached.slipway), coreMs: median(times.cached.core) },
    samples: times,
  };
  for (const mode of ['noCache', 'cached']) {
    summary[mode].cliRatio = summary[mode].slipwayMs / summary[mode].dockerMs;
    summary[mode].coreRatio = summary[mode].coreMs / summary[mode].dockerMs;
  }
  console.log(JSON.stringify(summary, null, 2));
  const f = (n) => n.toFixed(0);
  console.log(
    `| context bytes | ${bytes.slipway} vs ${bytes.docker} (${summary.contextBytes.same ? 'same' : 'DIFFERENT'}, entries ${sameEntries ? 'same' : 'DIFFERENT'}) |\n` +
      ['noCache', 'cached']
        .map((mode) => {
          const m = summary[mode];
          const label = mode === 'noCache' ? 'build --no-cache' : 'build, all steps cached';
          return `| ${label} (median of ${RUNS}) | docker ${f(m.dockerMs)} ms · images.build ${f(m.coreMs)} ms = ${m.coreRatio.toFixed(2)}× · slipway build ${f(m.slipwayMs)} ms = ${m.cliRatio.toFixed(2)}× |`;
        })
        .join('\n'),
  );
} finally {
  await core?.dispose();
  await run('docker', ['rmi', '-f', `${image}:latest`], {}).catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
  rmSync(captureDir, { recursive: true, force: true });
}
