// `npm start`: build, then launch the Electron app. Where the Electron binary is missing
// it tries to fetch it; where that is impossible (offline) it says why and serves the
// dashboard in the browser instead (`slipway serve`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const electronDir = path.join(root, 'node_modules', 'electron');

function electronBinary() {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

let binary = electronBinary();
if (!binary && existsSync(path.join(electronDir, 'install.js'))) {
  console.log('slipway: the Electron binary is missing; fetching it (node_modules/electron/install.js)…');
  const fetched = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { stdio: 'inherit', timeout: 300_000 });
  if (fetched.status === 0) binary = electronBinary();
}

const userArgs = process.argv.slice(2);
if (binary && (process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY)) {
  const child = spawn(binary, [root, ...userArgs], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  const why = binary
    ? 'there is no display (DISPLAY/WAYLAND_DISPLAY unset)'
    : 'the Electron binary could not be downloaded (no network access to its release server)';
  console.log(`slipway: cannot open the desktop window: ${why}.`);
  console.log('slipway: serving the dashboard in your browser instead (slipway serve).');
  const hasProject = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'].some((f) => existsSync(path.join(process.cwd(), f)));
  const cwd = hasProject ? process.cwd() : path.join(root, 'examples', 'demo');
  const child = spawn(process.execPath, [path.join(root, 'bin', 'slipway.mjs'), 'serve', ...userArgs], { stdio: 'inherit', cwd });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}
