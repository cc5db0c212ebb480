import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { dashboardSession } from './support/dashboard-session';
import type { ServeProcess } from './support/serve-process';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixture = path.resolve(here, '..', 'fixtures', 'timeline');
/** SLIPWAY_SCREENSHOTS=1 refreshes docs/screenshots/ from this run. */
const shotsDir = process.env.SLIPWAY_SCREENSHOTS ? path.resolve(here, '..', '..', 'docs', 'screenshots') : undefined;

describe('the startup timeline in the dashboard, on the real engine', () => {
  const session = dashboardSession(fixture, 'tlweb', { width: 1280, height: 900 });
  const { project } = session;
  let served: ServeProcess;
  let page: Page;
  beforeAll(() => {
    ({ served, page } = session);
  });

  const figure = () => page.getByRole('figure', { name: 'Startup timeline' });

  it('draws the up as it happens, then marks the critical path', async () => {
    await page.goto(served.url);
    await page.getByRole('heading', { name: project }).waitFor();
    await page.getByText('No up yet').waitFor();
    await page.getByRole('button', { name: 'Up', exact: true }).click();
    // Live: web's bar is there while web still waits for api (api waits for db's healthcheck first).
    await figure().locator('[data-service="web"][data-state="waiting"], [data-service="web"][data-state="queued"], [data-service="web"][data-state="creating"]').first().waitFor({ timeout: 60_000 });
    await figure().and(page.locator('[data-settled="true"]')).waitFor({ timeout: 90_000 });
    const rows = await figure().locator('[data-service]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-service'), e.getAttribute('data-critical')]));
    expect(rows).toEqual([['db', 'true'], ['side', 'false'], ['api', 'true'], ['web', 'true']]);
    await expect.poll(() => figure().getByTestId('critical-path').textContent()).toContain('db → api → web');
    // Each bar shows its phases; a healthcheck phase for the services that have one.
    expect(await figure().locator('[data-service="api"] .phase-healthcheck').count()).toBe(1);
    expect(await figure().locator('[data-service="web"] .phase-healthcheck').count()).toBe(0);
  });

  it('says what held a service on keyboard focus and on hover', async () => {
    await figure().getByRole('img', { name: /^api:/ }).focus();
    expect(await page.getByRole('tooltip').textContent()).toMatch(/waited \d+\.\d s for db \(healthy\)/);
    await page.keyboard.press('ArrowDown');
    expect(await page.getByRole('tooltip').textContent()).toMatch(/waited \d+\.\d s for api \(healthy\)/);
    await figure().getByRole('img', { name: /^side:/ }).hover();
    expect(await page.getByRole('tooltip').textContent()).toContain('no dependencies');
    if (shotsDir) {
      mkdirSync(shotsDir, { recursive: true });
      const panel = page.locator('[data-panel="timeline"]');
      await figure().getByRole('img', { name: /^api:/ }).focus();
      await panel.screenshot({ path: path.join(shotsDir, 'timeline-light.png') });
      await page.emulateMedia({ colorScheme: 'dark' });
      await panel.screenshot({ path: path.join(shotsDir, 'timeline-dark.png') });
      await page.emulateMedia({ colorScheme: 'light' });
    }
  });
});
