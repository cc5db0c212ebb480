import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LiveFileApplied, LiveFileState } from '../../../shared/contract/livefile';
import { SlipwayCore } from '../../../electron/core/slipway-core';
import { upProject } from '../../../electron/core/stack/up';
import { listProjectContainers } from '../../../electron/core/state/container-list';
import { removeProjectResources, testDocker, testEnv, uniqueProjectName } from '../../support/engine';

/** A service of the test stacks: a sleeper that stops at once. */
export function sleeper(extra = ''): string {
  return `    image: busybox:latest\n    init: true\n    network_mode: none\n    stop_grace_period: 1s\n    command: ["sleep", "3600"]\n${extra}`;
}

/** A project folder with files, opened in a core on the test engine, up, its files followed. */
export class LiveProject {
  readonly docker = testDocker();
  readonly core = new SlipwayCore({ env: testEnv() });
  readonly client = this.core.client();
  readonly name: string;
  readonly dir = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'swlive-')));

  constructor(prefix: string, files: Record<string, string>) {
    this.name = uniqueProjectName(prefix);
    for (const [file, text] of Object.entries(files)) this.write(file, text);
  }

  write(file: string, text: string): void {
    writeFileSync(path.join(this.dir, file), text);
  }

  /** Opens the project, brings it up and follows its files (applying each save when `autoApply`). */
  async start(autoApply: boolean): Promise<void> {
    await this.client.call('projects.open', { path: this.dir, projectName: this.name, transient: true });
    await upProject(this.core, this.core.projects.get(this.name), { wait: true });
    await this.client.call('livefile.follow', { projectId: this.name, autoApply });
  }

  /** The next livefile.applied event (listen before acting). */
  nextApplied(): Promise<LiveFileApplied> {
    return new Promise((resolve) => {
      const off = this.core.events.on('livefile.applied', (applied) => {
        if (applied.projectId !== this.name) return;
        off();
        resolve(applied);
      });
    });
  }

  /** The next livefile.state event that matches (listen before acting). */
  nextState(match: (state: LiveFileState) => boolean): Promise<LiveFileState> {
    return new Promise((resolve) => {
      const off = this.core.events.on('livefile.state', (state) => {
        if (state.projectId !== this.name || !match(state)) return;
        off();
        resolve(state);
      });
    });
  }

  /** Each service's container id and state. */
  async containers(): Promise<Record<string, { id: string; state: string }>> {
    const list = await listProjectContainers(this.docker, this.name);
    return Object.fromEntries(list.map((c) => [c.service, { id: c.id, state: c.state }]));
  }

  async cleanup(): Promise<void> {
    await this.core.dispose();
    await removeProjectResources(this.docker, this.name);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
