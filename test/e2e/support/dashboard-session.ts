import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { removeProjectResources, testDocker, testEnv, uniqueProjectName } from '../../support/engine';
import { launchChromium } from './browser';
import { startServeProcess, type ServeProcess } from './serve-process';

export interface DashboardSession {
  readonly project: string;
  readonly served: ServeProcess;
  readonly page: Page;
}

/**
 * For a describe block: `slipway serve -p PROJECT` in the fixture's folder and one Chromium
 * page at the given size, made before the tests and closed after them (the project's
 * containers removed).
 */
export function dashboardSession(fixture: string, prefix: string, viewport: { width: number; height: number }): DashboardSession {
  const project = uniqueProjectName(prefix);
  let served: ServeProcess | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  beforeAll(async () => {
    served = await startServeProcess({ cwd: fixture, env: testEnv(), args: ['-p', project] });
    browser = await launchChromium();
    page = await (await browser.newContext({ viewport, colorScheme: 'light' })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await served?.stop();
    await removeProjectResources(testDocker(), project);
  });
  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the dashboard session has no ${what} (beforeAll did not run or failed)`);
    return value;
  };
  return {
    project,
    get served() {
      return ready(served, 'serve process');
    },
    get page() {
      return ready(page, 'page');
    },
  };
}
