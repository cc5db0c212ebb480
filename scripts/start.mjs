// `npm start`: build, then launch the Electron app. Where the Electron binary is missing
// it tries to fetch it; where that is impossible (offline) it says why and serves the
// dashboard in the browser instead (`slipway serve`).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkElectronDownload } from './electron-download.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const electronDir = path.join(root, 'node_modules', 'electron');

function electronBinary() {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return undefined;
  const binary = path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : undefined;
}

// `npm start` runs in the package folder; INIT_CWD is where the user typed it.
const userCwd = process.env.INIT_CWD ?? process.cwd();

const built = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { stdio: 'inherit', cwd: root });
if (built.status !== 0) process.exit(built.status ?? 1);

let binary = electronBinary();
let fetchError = '';
const reachable = !binary && existsSync(path.join(electronDir, 'install.js')) ? await checkElectronDownload(process.env, console.log) : undefined;
if (reachable && !reachable.ok) fetchError = reachable.reason;
if (reachable?.ok) {
  console.log('slipway: fetching the Electron binary (node_modules/electron/install.js)…');
  const fetched = spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { encoding: 'utf8', timeout: 300_000 });
  if (fetched.status === 0) binary = electronBinary();
  // One line of why (e.g. "RequestError: getaddrinfo ENOTFOUND github.com"), not a stack trace.
  else fetchError = `${fetched.stderr ?? ''}${fetched.stdout ?? ''}`.split('\n').map((l) => l.trim()).find((l) => l && !l.startsWith('at ')) ?? (fetched.error?.message ?? '');
}

const userArgs = process.argv.slice(2);
if (binary && (process.platform !== 'linux' || process.env.DISPLAY || process.env.WAYLAND_DISPLAY)) {
  // Chromium refuses to run as root with its own sandbox; pages stay sandboxed by Electron's webPreferences.
  const rootArgs = process.platform === 'linux' && process.getuid?.() === 0 ? ['--no-sandbox'] : [];
  const child = spawn(binary, [root, ...userArgs, ...rootArgs], { stdio: 'inherit', cwd: userCwd });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
} else {
  const why = binary
    ? 'there is no display (DISPLAY/WAYLAND_DISPLAY unset)'
    : `the Electron binary could not be downloaded${fetchError ? ` (${fetchError})` : ' (no network access to its release server)'}`;
  console.log(`slipway: cannot open the desktop window: ${why}.`);
  console.log('slipway: serving the dashboard in your browser instead (slipway serve).');
  const hasProject = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'].some((f) => existsSync(path.join(userCwd, f)));
  const cwd = hasProject ? userCwd : path.join(root, 'examples', 'demo');
  const child = spawn(process.execPath, [path.join(root, 'bin', 'slipway.cjs'), 'serve', ...userArgs], { stdio: 'inherit', cwd });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
}
