import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listProjectContainers } from '../../electron/core/state/container-list';
import { removeProjectResources, testDocker, testEnv, uniqueProjectName } from '../support/engine';
import { launchChromium } from './support/browser';
import { startServeProcess, type ServeProcess } from './support/serve-process';

const service = (seconds: number) => `    image: busybox:latest\n    init: true\n    network_mode: none\n    stop_grace_period: 1s\n    command: ["sleep", "${seconds}"]\n`;
const compose = (webSeconds: number) => `services:\n  web:\n${service(webSeconds)}  worker:\n${service(3600)}`;

describe('the dashboard, not watching: a changed compose.yaml shows a banner and Apply applies it', () => {
  const project = uniqueProjectName('livebanner');
  const dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'swlivee2e-')));
  let served: ServeProcess;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    writeFileSync(path.join(dir, 'compose.yaml'), compose(3600));
    served = await startServeProcess({ cwd: dir, env: testEnv(), args: ['-p', project] });
    browser = await launchChromium();
    page = await browser.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    await removeProjectResources(testDocker(), project);
    rmSync(dir, { recursive: true, force: true });
  });

  const ids = async () => Object.fromEntries((await listProjectContainers(testDocker(), project)).map((c) => [c.service, c.id]));

  it('lists the services to recreate with their changes, and Apply recreates only those', async () => {
    await page.goto(served.url);
    await page.getByRole('heading', { name: project }).waitFor();
    await page.getByRole('button', { name: 'Up', exact: true }).click();
    await page.waitForFunction(() => {
      const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ getAttribute(n: string): string | null }> } }).document;
      const rows = Array.from(doc.querySelectorAll('tr[data-service]'));
      return rows.length === 2 && rows.every((r) => r.getAttribute('data-state') === 'running');
    }, undefined, { timeout: 90_000 });
    const before = await ids();

    writeFileSync(path.join(dir, 'compose.yaml'), compose(3601));
    const banner = page.getByTestId('livefile-banner');
    await banner.filter({ hasText: 'compose.yaml changed: web to recreate' }).waitFor();
    expect(await banner.locator('li[data-service="web"]').textContent()).toBe('web (command)');
    // Not watching: nothing changed yet.
    expect(await ids()).toEqual(before);

    await banner.getByRole('button', { name: 'Apply' }).click();
    await banner.waitFor({ state: 'detached' });
    await page.getByRole('list', { name: 'Project file changes' }).filter({ hasText: /compose\.yaml changed: recreated web \(command\) in / }).waitFor();
    const after = await ids();
    expect(after.web).not.toBe(before.web);
    expect(after.worker).toBe(before.worker);
  });

  it('a save that does not load shows its place in the banner and changes nothing', async () => {
    const before = await ids();
    writeFileSync(path.join(dir, 'compose.yaml'), compose(3601).replace('command: ["sleep", "3601"]', 'command: ["sleep", "3601"'));
    const banner = page.getByTestId('livefile-banner');
    await banner.filter({ hasText: /compose\.yaml:\d+:\d+/ }).waitFor();
    expect(await banner.textContent()).toContain('the running services are unchanged');
    expect(await ids()).toEqual(before);
  });
});
