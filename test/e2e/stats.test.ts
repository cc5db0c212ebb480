import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { dashboardSession } from './support/dashboard-session';
import type { ServeProcess } from './support/serve-process';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.resolve(here, '..', 'fixtures', 'stats-stack');
/** SLIPWAY_SCREENSHOTS=1 refreshes docs/screenshots/ from this run. */
const shotsDir = process.env.SLIPWAY_SCREENSHOTS ? path.resolve(here, '..', '..', 'docs', 'screenshots') : undefined;

describe('live resources in the dashboard, on the real engine', () => {
  const session = dashboardSession(fixture, 'stats-ui', { width: 1400, height: 860 });
  const { project } = session;
  let served: ServeProcess;
  let page: Page;
  beforeAll(() => {
    ({ served, page } = session);
  });

  const valueOf = (service: string, which: 'cpu' | 'memory') => page.locator(`tr[data-service="${service}"] [data-value="${which}"]`);

  it('shows a busy service\'s CPU in its sparkline, an idle one near zero, and a larger chart on demand', async () => {
    await page.goto(served.url);
    await page.getByRole('heading', { name: project }).waitFor();
    await page.getByRole('button', { name: 'Up', exact: true }).click();
    await page.getByRole('img', { name: 'CPU of busy' }).waitFor({ timeout: 90_000 });
    await page.getByRole('img', { name: 'Memory of busy' }).waitFor();
    await page.getByRole('img', { name: 'CPU of idle' }).waitFor();
    // The value next to the line, as text: the loop burns CPU (a share of a loaded machine's cores).
    await page.waitForFunction(
      (selector) => {
        const doc = (globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }).document;
        return Number.parseFloat(doc.querySelector(selector)?.textContent ?? '0') > 5;
      },
      'tr[data-service="busy"] [data-value="cpu"]',
      { timeout: 60_000 },
    );
    expect(await valueOf('busy', 'cpu').textContent()).toMatch(/^\d+\.\d\d%$/);
    expect(Number.parseFloat((await valueOf('idle', 'cpu').textContent()) ?? 'NaN')).toBeLessThan(1);
    expect(await valueOf('idle', 'memory').textContent()).toMatch(/^\d+(\.\d+)?(B|KiB|MiB)$/);

    await page.getByRole('button', { name: 'Chart of busy' }).click();
    const panel = page.getByRole('region', { name: 'Resources of busy' });
    await panel.getByRole('img', { name: 'CPU chart of busy' }).waitFor();
    expect(await panel.getByText(/^Memory .+ \/ .+/).count()).toBe(1);
    if (shotsDir) {
      mkdirSync(shotsDir, { recursive: true });
      await page.screenshot({ path: path.join(shotsDir, 'live-resources-light.png') });
      await page.emulateMedia({ colorScheme: 'dark' });
      await page.screenshot({ path: path.join(shotsDir, 'live-resources-dark.png') });
      await page.emulateMedia({ colorScheme: 'light' });
    }
    await page.getByRole('button', { name: 'Close the resources chart' }).click();
    await panel.waitFor({ state: 'detached' });
  });
});
