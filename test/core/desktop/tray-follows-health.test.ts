import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CALL_CHANNEL_PREFIX } from '../../../shared/ipc-channels';
import type { FakeElectronRecord } from '../../support/electron-main-bundle';
import { bundleMainWithFakeElectron, startMainBundle } from '../../support/electron-main-bundle';
import { writeHealthyChainProject } from './healthy-chain-project';
import { removeProjectResources, testDocker, testDockerHost, uniqueProjectName } from '../../support/engine';

/**
 * The desktop app's main process on a real engine (Electron itself replaced by a
 * recording stand-in, see test/electron/ for the real binary): the project named on the
 * command line opens, "Up" from the window's bridge brings it up in order, and the tray
 * model follows the services to healthy; Down takes it back to idle.
 */
const root = process.cwd();
const name = uniqueProjectName('tray');
const out = path.join(root, '.slipway-test', `tray-${name}`);
const projectDir = path.join(out, name);
const saved = { argv: process.argv, env: { ...process.env } };
let fake: FakeElectronRecord;

type TrayModel = { icon: string; tooltip: string; menu: { label?: string }[] };
const tray = () => (globalThis as unknown as { slipwayDesktop: { tray(): TrayModel } }).slipwayDesktop.tray();
const labels = () => tray().menu.map((i) => i.label);
const call = (name: string, input: unknown) =>
  fake.ipcHandlers.get(`${CALL_CHANNEL_PREFIX}${name}`)!({ senderFrame: { url: 'app://slipway/index.html', parent: null }, sender: { id: 1 } }, input) as Promise<{ ok: boolean; value?: unknown; error?: unknown }>;

beforeAll(async () => {
  writeHealthyChainProject(projectDir);
  const file = await bundleMainWithFakeElectron(out);
  process.argv = ['/opt/electron/electron', root, projectDir];
  process.env.SLIPWAY_CONFIG_DIR = path.join(out, 'config');
  process.env.SLIPWAY_E2E = '1';
  process.env.DOCKER_HOST = testDockerHost();
  fake = await startMainBundle(file);
});

afterAll(async () => {
  await removeProjectResources(testDocker(), name);
  process.argv = saved.argv;
  process.env = saved.env;
  rmSync(out, { recursive: true, force: true });
});

describe('desktop main process on a real engine', () => {
  it('opens the project from the command line, Up brings it to healthy and the tray follows', async () => {
    await vi.waitFor(() => expect(labels()).toContain(`${name}: 0/2 healthy`), { timeout: 30_000, interval: 100 }).catch((error: unknown) => {
      console.log(JSON.stringify(labels()));
      throw error;
    });
    // Idle once the engine is known to be up (it shows "starting" while connecting).
    await vi.waitFor(() => expect(tray().icon).toBe('idle'), { timeout: 30_000, interval: 100 });
    const up = await call('stack.up', { projectId: name });
    expect(up).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(labels()).toContain(`${name}: 2/2 healthy`), { timeout: 60_000, interval: 100 });
    expect(tray().icon).toBe('healthy');
    expect(labels()).toEqual(expect.arrayContaining(['db: healthy', 'app: running']));
    // The tooltip sums the project's CPU and memory from a one-shot stats sample.
    await vi.waitFor(() => expect(tray().tooltip).toMatch(new RegExp(`${name}: 2/2 healthy · CPU \\d+\\.\\d\\d% · \\d+(\\.\\d+)?(B|KiB|MiB)`)), { timeout: 30_000, interval: 100 });
  });

  it('tells the user when a service dies on its own', async () => {
    const [app] = await testDocker().listContainers({ filters: { label: [`com.docker.compose.project=${name}`, 'com.docker.compose.service=app'] } });
    expect(app).toBeDefined();
    // SIGUSR1 ends `sleep`; the init process then exits 128+10, a code nobody asked for
    // (SIGKILL and SIGTERM exits count as stopped, not as news).
    await testDocker().getContainer(app!.Id).kill({ signal: 'SIGUSR1' });
    await vi.waitFor(() => expect(fake.notifications.map((n) => n.title)).toContain('app exited with code 138'), { timeout: 30_000, interval: 100 });
    // Bring it back so Down below has something running to stop.
    expect(await call('stack.up', { projectId: name })).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(labels()).toContain(`${name}: 2/2 healthy`), { timeout: 60_000, interval: 100 });
  });

  it('Down takes it back to idle without a notification about the exits', async () => {
    const before = fake.notifications.length;
    const down = await call('stack.down', { projectId: name });
    expect(down).toMatchObject({ ok: true });
    await vi.waitFor(() => expect(tray().icon).toBe('idle'), { timeout: 60_000, interval: 100 });
    // Down stopped two running services (the tray saw them go), and none of that is news. The
    // icon can turn idle while the down task still runs (the line then ends "(working…)").
    await vi.waitFor(() => expect(labels()).toContain(`${name}: 0/2 healthy`), { timeout: 30_000, interval: 100 });
    expect(fake.notifications.slice(before).filter((n) => /exited|unhealthy/.test(n.title))).toEqual([]);
  });
});
