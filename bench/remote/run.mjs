// Remote engines: the same engine over `ssh://` (an sshd on 127.0.0.1 in front of it, see
// sshd.mjs), over TCP+TLS (with --tls-host, the engine's own `--tlsverify` listener) and over
// its socket, in the same run:
//   - `slipway up --wait` of bench/up/compose.yaml (8 services, health-gated), ssh / tls vs socket
//   - `slipway ps` vs `docker ps`, both over ssh (the stack up), and both over TLS
//   - `slipway logs` of a 100k-line container, ssh / tls vs socket
// Targets (issue 20): up over ssh within 0.6 s of local; ps over ssh ≤ 1.3× docker ps over
// ssh; logs over ssh ≥ 0.8× logs over the socket.
//
//   node scripts/build.mjs cli && DOCKER_HOST=unix:///PATH node bench/remote/run.mjs [--runs N] [--ps-pairs N] [--root CHECKOUT]
//     [--tls-host tcp://127.0.0.1:PORT --tls-cert-path DIR]
//
// DOCKER_HOST must be the engine's unix socket (it has busybox:latest). --root measures the
// CLI of another checkout (its dist/cli/slipway.cjs, or slipway.mjs), e.g. the code before a change.
// --tls-host: the same engine's TLS listener (dockerd -H tcp://127.0.0.1:PORT --tlsverify
// --tlscacert … --tlscert … --tlskey …); --tls-cert-path: the client's ca.pem, cert.pem, key.pem.
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchDocker, benchDockerHost } from '../docker-client.mjs';
import { startBenchSshd } from './sshd.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const RUNS = Number(arg('--runs', 5));
/** `slipway ps` / `docker ps` pairs over ssh in each run, with the stack up. */
const PS_PAIRS = Number(arg('--ps-pairs', 5));
const root = path.resolve(arg('--root', fileURLToPath(new URL('../..', import.meta.url))));
// the CLI's entry (slipway.mjs in checkouts from before slipway.cjs)
const cli = ['slipway.cjs', 'slipway.mjs'].map((name) => path.join(root, 'dist/cli', name)).find((file) => existsSync(file)) ?? path.join(root, 'dist/cli/slipway.cjs');
if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`node scripts/build.mjs cli\` there first`);
if (!benchDockerHost.startsWith('unix://')) throw new Error('DOCKER_HOST must be the engine\'s unix:// socket');
const dockerCli = ['/usr/bin/docker', '/usr/local/bin/docker'].find((p) => existsSync(p)) ?? 'docker';
const LOG_LINES = 100_000;
const SERVICES = ['db', 'cache', 'api', 'auth', 'worker', 'gateway', 'web', 'admin'];

const docker = benchDocker();
const work = mkdtempSync(path.join(tmpdir(), 'slipway-bench-remote-'));
const dir = path.join(work, 'project');
const sshd = await startBenchSshd(path.join(work, 'ssh'), benchDockerHost);
await import('node:fs').then((fs) => fs.mkdirSync(dir));
copyFileSync(new URL('../up/compose.yaml', import.meta.url), path.join(dir, 'compose.yaml'));

const tlsHost = arg('--tls-host', undefined);
const tlsCertPath = arg('--tls-cert-path', undefined);
if (tlsHost && !tlsCertPath) throw new Error('--tls-host needs --tls-cert-path (the client certificates)');
const hosts = { ssh: sshd.url, socket: benchDockerHost, ...(tlsHost ? { tls: tlsHost } : {}) };
const legs = Object.keys(hosts);
const tlsEnv = (host) => (host === tlsHost ? { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: tlsCertPath } : {});
const envFor = (host) => ({ ...process.env, ...sshd.env, DOCKER_HOST: host, ...tlsEnv(host), NO_COLOR: '1', SLIPWAY_CONFIG_DIR: path.join(work, 'config') });

/** Runs a command; resolves { ms, lines, firstMs } (lines: newlines on stdout; firstMs: when stdout's first bytes came). */
function run(command, args, env) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(command, args, { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let lines = 0;
    let firstMs;
    let err = '';
    child.stdout.on('data', (chunk) => {
      firstMs ??= performance.now() - t0;
      let i = -1;
      while ((i = chunk.indexOf(10, i + 1)) !== -1) lines++;
    });
    child.stderr.on('data', (d) => (err += d));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve({ ms: performance.now() - t0, lines, firstMs }) : reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${err.slice(-2000)}`))));
  });
}
const slipway = (args, host) => run(process.execPath, [cli, ...args], envFor(host));

/** Every service of the project reports healthy (from the engine's events, read over the socket). */
async function allHealthy(project) {
  const stream = await docker.getEvents({ filters: { type: ['container'], event: ['health_status'], label: [`com.docker.compose.project=${project}`] } });
  const healthy = new Set();
  let buffered = '';
  const done = new Promise((resolve) => {
    stream.on('data', (chunk) => {
      buffered += chunk.toString();
      let nl;
      while ((nl = buffered.indexOf('\n')) >= 0) {
        const event = JSON.parse(buffered.slice(0, nl));
        buffered = buffered.slice(nl + 1);
        if (event.Action === 'health_status: healthy') healthy.add(event.Actor.Attributes['com.docker.compose.service']);
        if (SERVICES.every((s) => healthy.has(s))) resolve(performance.now());
      }
    });
  });
  return { done, stop: () => stream.destroy() };
}

async function timeUp(project, host) {
  const watch = await allHealthy(project);
  const t0 = performance.now();
  const { ms } = await slipway(['-p', project, 'up', '--wait'], host);
  const last = await watch.done;
  watch.stop();
  return Math.max(ms, last - t0);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const up = { ssh: [], socket: [], tls: [] };
const ps = { slipway: [], docker: [], tlsSlipway: [], tlsDocker: [] };
const logs = { ssh: [], socket: [], tls: [] };
/** The same logs once their first line is here (the transfer, without start-up and dialling). */
const logsStream = { ssh: [], socket: [], tls: [] };
/** `docker logs` of the same container, over the same transports: what the Docker CLI makes of them. */
const dockerLogs = { ssh: [], socket: [], tls: [] };
/** Each run starts with another leg, so none always goes first. */
const rotated = (i) => [...legs.slice(i % legs.length), ...legs.slice(0, i % legs.length)];
const logsProject = `benchrlogs${process.pid}`;
let chatty;
try {
  for (let i = 0; i < RUNS; i++) {
    for (const via of rotated(i)) {
      const project = `benchr${via}${process.pid}x${i}`;
      up[via].push(await timeUp(project, hosts[via]));
      if (via === 'ssh') {
        // ps over ssh with the stack up: slipway and the Docker CLI, back to back, PS_PAIRS times
        // (one pair a run left the median to a single noisy sample)
        for (let pair = 0; pair < PS_PAIRS; pair++) {
          for (const tool of (i + pair) % 2 === 0 ? ['slipway', 'docker'] : ['docker', 'slipway']) {
            const r = tool === 'slipway' ? await slipway(['-p', project, 'ps'], hosts.ssh) : await run(dockerCli, ['ps'], envFor(hosts.ssh));
            ps[tool].push(r.ms);
          }
        }
      }
      if (via === 'tls') {
        for (const tool of i % 2 === 0 ? ['slipway', 'docker'] : ['docker', 'slipway']) {
          const r = tool === 'slipway' ? await slipway(['-p', project, 'ps'], hosts.tls) : await run(dockerCli, ['ps'], envFor(hosts.tls));
          ps[tool === 'slipway' ? 'tlsSlipway' : 'tlsDocker'].push(r.ms);
        }
      }
      await slipway(['-p', project, 'down', '-t', '1'], hosts.socket);
    }
    process.stderr.write(`run ${i + 1}/${RUNS}: up ssh ${Math.round(up.ssh.at(-1))} ms, socket ${Math.round(up.socket.at(-1))} ms${tlsHost ? `, tls ${Math.round(up.tls.at(-1))} ms` : ''}; ps over ssh slipway ${Math.round(median(ps.slipway.slice(-PS_PAIRS)))} ms, docker ${Math.round(median(ps.docker.slice(-PS_PAIRS)))} ms (medians of ${PS_PAIRS})\n`);
  }
  chatty = await docker.createContainer({
    name: `${logsProject}-chatty-1`,
    Image: 'busybox:latest',
    Cmd: ['sh', '-c', `seq 1 ${LOG_LINES} | sed 's/^/line /'`],
    Labels: { 'com.docker.compose.project': logsProject, 'com.docker.compose.service': 'chatty', 'com.docker.compose.container-number': '1', 'com.docker.compose.oneoff': 'False' },
    HostConfig: { NetworkMode: 'none' },
  });
  await chatty.start();
  await chatty.wait();
  for (let i = 0; i < RUNS; i++) {
    for (const via of rotated(i)) {
      const r = await slipway(['-p', logsProject, 'logs', '--no-color'], hosts[via]);
      if (r.lines !== LOG_LINES) throw new Error(`slipway logs over ${via} gave ${r.lines} lines, expected ${LOG_LINES}`);
      logs[via].push(LOG_LINES / (r.ms / 1000));
      logsStream[via].push(LOG_LINES / ((r.ms - r.firstMs) / 1000));
      const d = await run(dockerCli, ['logs', `${logsProject}-chatty-1`], envFor(hosts[via]));
      if (d.lines !== LOG_LINES) throw new Error(`docker logs over ${via} gave ${d.lines} lines, expected ${LOG_LINES}`);
      dockerLogs[via].push(LOG_LINES / (d.ms / 1000));
    }
  }
} finally {
  await chatty?.remove({ force: true }).catch(() => undefined);
  await sshd.stop();
  rmSync(work, { recursive: true, force: true });
}

/** The rounded median (ms, or lines/s). */
const med = (xs) => Math.round(median(xs));
const ratio = (a, b) => Number((median(a) / median(b)).toFixed(2));
const summary = {
  runs: RUNS,
  loadAverage: Number(loadavg()[0].toFixed(1)),
  upSshMedianMs: med(up.ssh),
  upSocketMedianMs: med(up.socket),
  upSshOverSocketMs: med(up.ssh) - med(up.socket),
  psSlipwaySshMedianMs: med(ps.slipway),
  psDockerSshMedianMs: med(ps.docker),
  psRatio: ratio(ps.slipway, ps.docker),
  logsSshLinesPerSec: med(logs.ssh),
  logsSocketLinesPerSec: med(logs.socket),
  logsRatio: ratio(logs.ssh, logs.socket),
  // from the first line on: the transfer itself
  logsStreamSshLinesPerSec: med(logsStream.ssh),
  logsStreamSocketLinesPerSec: med(logsStream.socket),
  logsStreamRatio: ratio(logsStream.ssh, logsStream.socket),
  // the Docker CLI's `docker logs` of the same container: its own ssh / socket
  dockerLogsSshLinesPerSec: med(dockerLogs.ssh),
  dockerLogsSocketLinesPerSec: med(dockerLogs.socket),
  dockerLogsRatio: ratio(dockerLogs.ssh, dockerLogs.socket),
  upSshRunsMs: up.ssh.map(Math.round),
  upSocketRunsMs: up.socket.map(Math.round),
  // the TCP+TLS leg, when measured
  ...(tlsHost
    ? { upTlsMedianMs: med(up.tls), upTlsOverSocketMs: med(up.tls) - med(up.socket), psSlipwayTlsMedianMs: med(ps.tlsSlipway), psDockerTlsMedianMs: med(ps.tlsDocker),
        psTlsRatio: ratio(ps.tlsSlipway, ps.tlsDocker), logsTlsLinesPerSec: med(logs.tls), logsTlsRatio: ratio(logs.tls, logs.socket) }
    : {}),
};
console.log(JSON.stringify(summary, null, 2));
if (tlsHost) console.log(`TLS: | ${summary.upTlsMedianMs} ms / ${summary.upSocketMedianMs} ms (**+${summary.upTlsOverSocketMs} ms**) | ${summary.psSlipwayTlsMedianMs} ms / ${summary.psDockerTlsMedianMs} ms (**${summary.psTlsRatio}×**) | ${summary.logsTlsLinesPerSec}/s / ${summary.logsSocketLinesPerSec}/s (**${summary.logsTlsRatio}×**) |`);
console.log(`| ${summary.runs} | ${summary.loadAverage} | ${summary.upSshMedianMs} ms / ${summary.upSocketMedianMs} ms (**+${summary.upSshOverSocketMs} ms**) | ${summary.psSlipwaySshMedianMs} ms / ${summary.psDockerSshMedianMs} ms (**${summary.psRatio}×**) | ${summary.logsSshLinesPerSec}/s / ${summary.logsSocketLinesPerSec}/s (**${summary.logsRatio}×**) |`);
console.log(`logs, ssh / socket: slipway ${summary.logsRatio}× (from the first line on: ${summary.logsStreamRatio}×); docker logs ${summary.dockerLogsRatio}× (${summary.dockerLogsSshLinesPerSec}/s / ${summary.dockerLogsSocketLinesPerSec}/s)`);
