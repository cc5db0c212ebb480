// BuildKit builds: `slipway build` and the core's images.build against `DOCKER_BUILDKIT=1 docker build`
// on the same engine, in one run, for a multi-step Dockerfile with a cache mount.
//
//   node scripts/build.mjs cli && DOCKER_HOST=unix:///path/to/docker.sock node bench/build/buildkit.mjs [--runs N] [--docker /usr/bin/docker]
//
// cold: after `docker builder prune -af` (no build cache, cache mount empty), every step runs.
// warm: nothing changed, every step comes from the cache.
// edit: one source file changed; the COPY and the RUN with the cache mount run again and find
// their earlier work in the cache mount.
// Each mode alternates which contender goes first. docker's BuildKit client sends the context
// through its session (and only what changed); Slipway sends it as the request's tar body.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { coreBuild, median, root, startCore, timed } from './harness.mjs';

const arg = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : fallback;
};
const RUNS = Number(arg('--runs', '5'));
const DOCKER = arg('--docker', '/usr/bin/docker');
const slipwayBin = path.resolve(arg('--bin', path.join(root, 'bin/slipway.cjs')));

const dir = mkdtempSync(path.join(tmpdir(), 'swbk-'));
const project = `benchbuildkit${process.pid}`;
const image = `${project}-app`;
// Step 3 "compiles" each source file once: its result is kept in the cache mount by content hash.
const DOCKERFILE = `FROM busybox:latest
ARG VERSION
COPY src /app/src
RUN --mount=type=cache,id=${project},target=/cache mkdir -p /cache/objs /app/objs && for f in $(find /app/src -type f | sort); do h=$(md5sum "$f" | cut -c1-32); [ -f /cache/objs/$h ] || { sha256sum "$f" > /cache/objs/$h; sleep 0.01; }; cp /cache/objs/$h /app/objs/; done
RUN echo "$VERSION" > /version && ls /app/objs | wc -l > /objects
COPY config.txt /etc/app.conf
`;

function makeContext() {
  writeFileSync(path.join(dir, 'compose.yaml'), `name: ${project}\nservices:\n  app:\n    build:\n      context: .\n      network: none\n      args:\n        VERSION: "1.0.0"\n`);
  writeFileSync(path.join(dir, 'Dockerfile'), DOCKERFILE);
  writeFileSync(path.join(dir, 'config.txt'), 'mode=dev\n');
  for (let i = 0; i < 300; i++) {
    mkdirSync(path.join(dir, 'src', `mod${i % 30}`), { recursive: true });
    writeFileSync(path.join(dir, 'src', `mod${i % 30}`, `file${i}.js`), `export const value${i} = ${JSON.stringify('x'.repeat(3000 + i))};\n`);
  }
}

let round = 0;
const edit = () => writeFileSync(path.join(dir, 'src', 'mod0', 'file0.js'), `export const value0 = ${++round};\n`);
const env = { DOCKER_HOST: process.env.DOCKER_HOST ?? 'unix:///var/run/docker.sock' };
const docker = (args) => timed(DOCKER, args, { cwd: dir, env: { ...env, DOCKER_BUILDKIT: '1' } });
const prune = () => docker(['builder', 'prune', '-af']);
let core;
const tools = {
  docker: () => docker(['build', '--network', 'none', '--build-arg', 'VERSION=1.0.0', '-t', `${image}:latest`, '.']),
  slipway: () => timed(process.execPath, [slipwayBin, 'build'], { cwd: dir, env }),
  core: () => coreBuild(core, project),
};
const names = Object.keys(tools);

try {
  makeContext();
  core = await startCore(dir, { ...process.env, ...env });
  const times = { cold: {}, warm: {}, edit: {} };
  for (const mode of Object.keys(times)) for (const name of names) times[mode][name] = [];
  // Warm the page cache and the engine once for each.
  for (const name of names) await tools[name]();
  for (let i = 0; i < RUNS; i++) {
    const order = names.map((_, k) => names[(i + k) % names.length]);
    for (const name of order) {
      await prune();
      times.cold[name].push(await tools[name]());
      times.warm[name].push(await tools[name]());
      edit();
      times.edit[name].push(await tools[name]());
    }
  }
  const summary = { runs: RUNS, docker: DOCKER, samples: times };
  for (const mode of Object.keys(times)) {
    const m = Object.fromEntries(names.map((name) => [name, median(times[mode][name])]));
    summary[mode] = { ...m, coreRatio: m.core / m.docker, cliRatio: m.slipway / m.docker };
  }
  console.log(JSON.stringify(summary, null, 2));
  const f = (n) => n.toFixed(0);
  const label = { cold: 'cold (after `docker builder prune -af`)', warm: 'warm (every step cached)', edit: 'one source file changed (cache mount warm)' };
  for (const mode of Object.keys(times)) {
    const m = summary[mode];
    console.log(`| ${label[mode]} | docker ${f(m.docker)} ms · images.build ${f(m.core)} ms = **${m.coreRatio.toFixed(2)}×** · slipway build ${f(m.slipway)} ms = ${m.cliRatio.toFixed(2)}× |`);
  }
} finally {
  await core?.dispose();
  await timed(DOCKER, ['rmi', '-f', `${image}:latest`], { cwd: dir, env }).catch(() => undefined);
  rmSync(dir, { recursive: true, force: true });
}
