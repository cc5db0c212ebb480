// `slipway cp` against `docker cp` (the Docker CLI) on the same container in the same run: a
// folder of many small files into a service container, and the same folder back out.
// Needs a running engine (DOCKER_HOST or the default socket) with busybox:latest, and the built
// CLI (`node scripts/build.mjs cli`, dist/cli/slipway.cjs). Both are timed as commands (process
// start-up included), medians of ROUNDS; every copy is checked (file count) or the run fails.
//
//   node bench/cp/run.mjs [FILES] [BYTES_PER_FILE] [ROUNDS]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchDockerHost } from '../docker-client.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const FILES = Number(process.argv[2] ?? 2000);
const BYTES = Number(process.argv[3] ?? 8192);
const ROUNDS = Number(process.argv[4] ?? 3);
const dockerCli = ['/usr/bin/docker', '/usr/local/bin/docker'].find((p) => existsSync(p)) ?? 'docker';
const cli = path.join(root, 'dist/cli/slipway.cjs');
if (!existsSync(cli)) throw new Error('dist/cli/slipway.cjs is missing: run `node scripts/build.mjs cli` first');

const env = { ...process.env, DOCKER_HOST: benchDockerHost };
const project = `slcp${process.pid}`;
const dir = mkdtempSync(path.join(tmpdir(), 'slipway-cp-bench-'));
writeFileSync(path.join(dir, 'compose.yaml'), 'services:\n  web:\n    image: busybox:latest\n    init: true\n    network_mode: none\n    command: ["sleep", "3600"]\n');
const data = path.join(dir, 'data');
for (let i = 0; i < FILES; i++) {
  const sub = path.join(data, `d${i % 20}`);
  mkdirSync(sub, { recursive: true });
  writeFileSync(path.join(sub, `f${i}.txt`), Buffer.alloc(BYTES, 97 + (i % 26)));
}

function run(command, args) {
  const t0 = performance.now();
  const result = spawnSync(command, args, { cwd: dir, env, encoding: 'utf8' });
  const ms = performance.now() - t0;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  return ms;
}

const countFiles = (folder) => readdirSync(folder, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length;
function inContainer(folder) {
  const out = spawnSync(dockerCli, ['exec', `${project}-web-1`, 'sh', '-c', `find ${folder} -type f | wc -l`], { env, encoding: 'utf8' });
  return Number(out.stdout.trim());
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

try {
  run(process.execPath, [cli, '-p', project, 'up', '-d']);
  const times = { dockerIn: [], slipwayIn: [], dockerOut: [], slipwayOut: [], dockerOne: [], slipwayOne: [] };
  writeFileSync(path.join(dir, 'one.txt'), 'one small file\n');
  for (let r = 0; r < ROUNDS; r++) {
    times.dockerOne.push(run(dockerCli, ['cp', path.join(dir, 'one.txt'), `${project}-web-1:/tmp/one-docker.txt`]));
    times.slipwayOne.push(run(process.execPath, [cli, '-p', project, 'cp', 'one.txt', 'web:/tmp/one-slipway.txt']));
    times.dockerIn.push(run(dockerCli, ['cp', data, `${project}-web-1:/tmp/docker-${r}`]));
    times.slipwayIn.push(run(process.execPath, [cli, '-p', project, 'cp', data, `web:/tmp/slipway-${r}`]));
    for (const name of [`docker-${r}`, `slipway-${r}`]) if (inContainer(`/tmp/${name}`) !== FILES) throw new Error(`/tmp/${name} does not hold ${FILES} files`);
    times.dockerOut.push(run(dockerCli, ['cp', `${project}-web-1:/tmp/docker-${r}`, path.join(dir, `out-docker-${r}`)]));
    times.slipwayOut.push(run(process.execPath, [cli, '-p', project, 'cp', `web:/tmp/slipway-${r}`, path.join(dir, `out-slipway-${r}`)]));
    for (const name of [`out-docker-${r}`, `out-slipway-${r}`]) if (countFiles(path.join(dir, name)) !== FILES) throw new Error(`${name} does not hold ${FILES} files`);
  }
  const line = (what, d, s) => `| ${what} | docker cp ${median(d).toFixed(0)} ms · slipway cp ${median(s).toFixed(0)} ms = **${(median(s) / median(d)).toFixed(2)}×** |`;
  console.log(`${FILES} files of ${BYTES} bytes in 20 folders, medians of ${ROUNDS}`);
  console.log('| measure | result |\n| --- | --- |');
  console.log(line('one small file into the container (start-up and round trips)', times.dockerOne, times.slipwayOne));
  console.log(line('folder into the container', times.dockerIn, times.slipwayIn));
  console.log(line('folder out of the container', times.dockerOut, times.slipwayOut));
  const nodeStart = median([0, 1, 2].map(() => run(process.execPath, ['-e', '0'])));
  console.log(`| for scale: \`node -e 0\` | ${nodeStart.toFixed(0)} ms |`);
} finally {
  spawnSync(process.execPath, [cli, '-p', project, 'down', '-t', '0'], { cwd: dir, env });
  rmSync(dir, { recursive: true, force: true });
}
