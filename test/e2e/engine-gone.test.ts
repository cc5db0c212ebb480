import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliProcess } from '../support/cli-process';
import { dockerFromHost } from '../support/docker-from-host';
import { testEnv, uniqueProjectName } from '../support/engine';
import { ensureBusyboxImage } from '../support/stand-in-image';
import { startThrowawayEngine, type ThrowawayEngine } from '../support/throwaway-engine';
import { launchChromium } from './support/browser';
import { startServeProcess, type ServeProcess } from './support/serve-process';

/** `keeper` comes back with the engine (restart: always); `oneshot` does not. */
const FILE = `services:
  keeper:
    image: busybox:latest
    init: true
    restart: always
    command: ["sleep", "3600"]
    stop_grace_period: 1s
  oneshot:
    image: busybox:latest
    init: true
    command: ["sleep", "3600"]
    stop_grace_period: 1s
`;

/**
 * The engine stops while the dashboard is open, then starts again: a banner says it is
 * unreachable and what to do, and goes by itself; the services' state comes back without
 * a reload. A private engine (the shared one stays up for the other suites).
 */
describe('the engine gone while the dashboard is open', () => {
  const project = uniqueProjectName('gone');
  let engine: ThrowawayEngine;
  let dir = '';
  let served: ServeProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    engine = await startThrowawayEngine();
    await ensureBusyboxImage(dockerFromHost(engine.dockerHost));
    dir = await mkdtemp(path.join(tmpdir(), 'slipway-gone-'));
    await writeFile(path.join(dir, 'compose.yaml'), FILE);
    const env = testEnv({ DOCKER_HOST: engine.dockerHost });
    const up = await runCliProcess(['-p', project, 'up', '-d'], { cwd: dir, env });
    expect(up.code, up.err).toBe(0);
    served = await startServeProcess({ cwd: dir, env, args: ['-p', project] });
    browser = await launchChromium();
    page = await (await browser.newContext()).newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    await engine?.destroy();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const rowState = (service: string) => page.locator(`tr[data-service="${service}"]`);

  it('shows a banner while the engine is gone, then recovers by itself', async () => {
    await page.goto(served.url);
    await page.getByRole('heading', { name: project }).waitFor();
    await rowState('keeper').and(page.locator('[data-state="running"]')).waitFor();
    await rowState('oneshot').and(page.locator('[data-state="running"]')).waitFor();
    expect(await page.getByTestId('engine-banner').count()).toBe(0);
    const pageLoads: string[] = [];
    page.on('load', () => pageLoads.push(page.url()));

    await engine.stop();
    const banner = page.getByTestId('engine-banner');
    await banner.waitFor({ timeout: 30_000 });
    expect(await banner.textContent()).toMatch(/The Docker engine is unreachable\..*Start Docker, or check DOCKER_HOST/s);
    await page.getByTestId('host-status').filter({ hasText: 'unreachable' }).waitFor();

    await engine.restart();
    await banner.waitFor({ state: 'detached', timeout: 60_000 });
    await page.getByTestId('host-status').filter({ hasText: 'connected' }).waitFor();
    // The state is read again: keeper came back with the engine, oneshot was stopped with it.
    await rowState('keeper').and(page.locator('[data-state="running"]')).waitFor({ timeout: 60_000 });
    await rowState('oneshot').and(page.locator('[data-state="stopped"]')).waitFor({ timeout: 60_000 });
    expect(pageLoads).toEqual([]);
    expect(served.child.exitCode).toBeNull();
  });
});
