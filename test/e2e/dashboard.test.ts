import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeProjectResources, testDocker, testEnv, uniqueProjectName } from '../support/engine';
import { launchChromium } from './support/browser';
import { startServeProcess, type ServeProcess } from './support/serve-process';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.resolve(here, '..', 'fixtures', 'dashboard');
/** SLIPWAY_SCREENSHOTS=1 refreshes docs/screenshots/ from this run. */
const shotsDir = process.env.SLIPWAY_SCREENSHOTS ? path.resolve(here, '..', '..', 'docs', 'screenshots') : undefined;
const READY = ['running', 'healthy', 'completed'];

describe('the dashboard in Chromium, on the real engine', () => {
  const project = uniqueProjectName('dash');
  let served: ServeProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    served = await startServeProcess({ cwd: fixture, env: testEnv(), args: ['-p', project] });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 820 }, colorScheme: 'light' });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    await removeProjectResources(testDocker(), project);
  });

  const rowStates = () => page.$$eval('tr[data-service]', (rows) => rows.map((r) => [r.getAttribute('data-service'), r.getAttribute('data-state')]));
  const waitForStates = (accept: string[], timeout = 90_000) =>
    page.waitForFunction(
      (words) => {
        const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ getAttribute(n: string): string | null }> } }).document;
        const rows = Array.from(doc.querySelectorAll('tr[data-service]'));
        return rows.length > 0 && rows.every((r) => words.includes(r.getAttribute('data-state') ?? ''));
      },
      accept,
      { timeout },
    );
  const shot = async (name: string) => {
    if (!shotsDir) return;
    mkdirSync(shotsDir, { recursive: true });
    await page.screenshot({ path: path.join(shotsDir, `${name}-light.png`) });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: path.join(shotsDir, `${name}-dark.png`) });
    await page.emulateMedia({ colorScheme: 'light' });
  };

  it('opens the project of the working directory', async () => {
    await page.goto(served.url);
    await page.getByRole('heading', { name: project }).waitFor();
    await page.getByTestId('host-status').filter({ hasText: 'connected' }).waitFor();
    // the Host panel says what a call to the engine costs
    expect(await page.getByTestId('host-round-trip').textContent()).toMatch(/^\d+(\.\d)? ms \(first answer \d+ ms/);
    await page.getByText('No log lines yet').waitFor();
    expect(await page.getByText(fixture).count()).toBeGreaterThan(0);
    expect(Object.fromEntries(await rowStates())).toEqual({ db: 'stopped', web: 'stopped', migrate: 'stopped' });
    // The token left the address bar.
    expect(page.url()).not.toContain('token');
    await shot('project-empty');
  });

  it('brings every service to ready with "Up"', async () => {
    await page.getByRole('button', { name: 'Up', exact: true }).click();
    await waitForStates(READY);
    await page.getByRole('button', { name: 'Up', exact: true }).and(page.locator(':enabled')).waitFor();
    const states = Object.fromEntries(await rowStates());
    expect(states.db).toBe('healthy');
    expect(READY).toContain(states.web);
    expect(await page.getByRole('link', { name: /→8080/ }).count()).toBe(1);
  });

  it('finds a log line with "Search logs"', async () => {
    const search = page.getByRole('searchbox', { name: 'Search logs' });
    await page.keyboard.press('Control+f');
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('log-search');
    await search.fill('ready to accept');
    await page.getByTestId('match-count').filter({ hasText: /^\d+ of \d+$/ }).waitFor();
    await page.locator('.log-line.current-match', { hasText: 'db: ready to accept connections' }).waitFor();
    await shot('project-logs-search');
    await search.fill('');
    await page.getByRole('button', { name: 'Jump to latest' }).click();
  });

  it('restarts one service', async () => {
    const web = page.locator('tr[data-service="web"]');
    await page.getByRole('button', { name: 'Restart web' }).click();
    await page.getByRole('button', { name: 'Restart web' }).and(page.locator(':enabled')).waitFor();
    // The restarted server logged its start line a second time.
    await page.getByRole('searchbox', { name: 'Search logs' }).fill('web: listening on 8080');
    await page.getByTestId('match-count').filter({ hasText: /of ([2-9]|\d\d+)$/ }).waitFor({ timeout: 30_000 });
    await page.getByRole('searchbox', { name: 'Search logs' }).fill('');
    await page.getByRole('button', { name: 'Jump to latest' }).click();
    expect(READY).toContain(await web.getAttribute('data-state'));
  });

  it('runs a command in the terminal', async () => {
    await page.getByRole('button', { name: 'Shell in db' }).click();
    const terminal = page.getByTestId('terminal');
    await terminal.locator('.xterm-rows').waitFor();
    await page.getByRole('region', { name: 'Terminal in db' }).getByText('Connected').waitFor({ timeout: 30_000 });
    await terminal.click();
    await page.keyboard.type('echo slipway-$((6*7))\n');
    await terminal.locator('.xterm-rows', { hasText: 'slipway-42' }).waitFor({ timeout: 30_000 });
    await shot('project-terminal');
    await page.getByRole('button', { name: 'Close terminal' }).click();
  });

  it('opens the command palette', async () => {
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Command' }).fill('restart');
    await shot('palette');
    await page.keyboard.press('Escape');
    expect(await page.getByRole('dialog').count()).toBe(0);
  });

  it('runs a command from the palette', async () => {
    const timestamps = page.getByRole('button', { name: 'Timestamps' });
    expect(await timestamps.getAttribute('aria-pressed')).toBe('false');
    await page.keyboard.press('Control+k');
    await page.getByRole('combobox', { name: 'Command' }).fill('toggle timestamps');
    await page.getByRole('option', { name: 'Logs: toggle timestamps', selected: true }).waitFor();
    await page.keyboard.press('Enter');
    await page.getByRole('dialog').waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Timestamps', pressed: true }).waitFor();
    await timestamps.click();
    await page.getByRole('button', { name: 'Timestamps', pressed: false }).waitFor();
  });

  it('takes the stack down with "Down"', async () => {
    await page.getByRole('button', { name: 'Down', exact: true }).click();
    await waitForStates(['stopped']);
    // The task is done (containers removed, not only stopped) when the buttons come back.
    await page.getByRole('button', { name: 'Down', exact: true }).and(page.locator(':enabled')).waitFor();
    const containers = await testDocker().listContainers({ all: true, filters: { label: [`com.docker.compose.project=${project}`] } });
    expect(containers).toEqual([]);
  });

  it('shows the projects screen with a path field', async () => {
    await page.getByRole('button', { name: 'Projects' }).click();
    const form = page.getByRole('form', { name: 'Open a project' });
    await form.getByLabel('Open a folder with a compose.yaml').fill('/nonexistent/folder');
    await form.getByRole('button', { name: 'Open', exact: true }).click();
    await form.getByRole('alert').waitFor();
    await shot('projects');
  });
});
