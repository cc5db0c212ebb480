import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ProviderSystem, RunResult } from '../../../../electron/core/docker/providers/types';

export const fixture = (name: string): string => readFileSync(path.join(__dirname, '../../../fixtures/hosts', name), 'utf8');

export interface FakeSystem extends ProviderSystem {
  calls: string[];
}

/** A system whose commands answer from recorded outputs: key "cmd arg arg" → result. */
export function fakeSystem(answers: Record<string, Partial<RunResult>>, options: Partial<ProviderSystem> & { tools?: string[]; files?: string[]; running?: string[] } = {}): FakeSystem {
  const calls: string[] = [];
  return {
    calls,
    env: options.env ?? {},
    platform: options.platform ?? 'darwin',
    home: options.home ?? '/Users/dev',
    uid: options.uid ?? 501,
    exists: (file) => (options.files ?? []).includes(file),
    which: async (command) => ((options.tools ?? []).includes(command) ? `/usr/local/bin/${command}` : undefined),
    probe: async (host) => (options.running ?? []).includes(host),
    run: async (command, args) => {
      const key = [command, ...args].join(' ');
      calls.push(key);
      const answer = answers[key];
      if (!answer) return { code: 127, stdout: '', stderr: `${command}: not recorded` };
      return { code: answer.code ?? 0, stdout: answer.stdout ?? '', stderr: answer.stderr ?? '' };
    },
  };
}
