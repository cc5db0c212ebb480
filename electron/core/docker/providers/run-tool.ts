import { SlipwayError } from '../../../../shared/errors';
import type { HostInstance, HostState, ProviderId, ProviderSystem, RunResult } from './types';

/** Runs a manager's CLI for start/stop; a failure says which command and what it printed. */
export async function runTool(system: ProviderSystem, command: string, args: string[], what: string, hint: string, timeoutMs = 300_000): Promise<RunResult> {
  const result = await system.run(command, args, { timeoutMs });
  if (result.code !== 0) {
    const said = lastLines(result.stderr || result.stdout);
    throw new SlipwayError('host_command_failed', `${what} failed: \`${[command, ...args].join(' ')}\` exited with ${result.code ?? 'a signal'}${said ? `: ${said}` : ''}`, hint);
  }
  return result;
}

export function lastLines(text: string, count = 2): string {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(-count)
    .join(' / ')
    .slice(0, 400);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** Parses one-JSON-object-per-line output (colima list --json, limactl list --json); bad lines are skipped. */
export function parseJsonLines(text: string): Record<string, unknown>[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      return Array.isArray(parsed) ? parsed.filter(isRecord) : [];
    } catch {
      return [];
    }
  }
  const out: Record<string, unknown>[] = [];
  for (const line of trimmed.split('\n')) {
    const l = line.trim();
    if (!l.startsWith('{')) continue;
    try {
      const parsed: unknown = JSON.parse(l);
      if (isRecord(parsed)) out.push(parsed);
    } catch {
      // skip
    }
  }
  return out;
}

export const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\d+$/.test(v)) return Number(v);
  return undefined;
};

/** Copies the sizes a manager's list reported (cpus, memory and disk in bytes, arch, runtime) onto the instance, leaving out what is missing. */
export function setResources(instance: HostInstance, row: { cpus?: unknown; memory?: unknown; disk?: unknown; arch?: unknown; runtime?: unknown }): void {
  const cpus = num(row.cpus);
  const memory = num(row.memory);
  const disk = num(row.disk);
  const arch = str(row.arch);
  const runtime = str(row.runtime);
  if (cpus !== undefined) instance.cpus = cpus;
  if (memory !== undefined) instance.memoryBytes = memory;
  if (disk !== undefined) instance.diskBytes = disk;
  if (arch) instance.arch = arch;
  if (runtime) instance.runtime = runtime;
}

/** The one instance of a desktop app (Docker Desktop, OrbStack, Rancher Desktop): named after its provider, its socket always known. */
export function appInstance(provider: ProviderId, title: string, state: HostState, socket: string, startCommand: string, stopCommand: string): HostInstance {
  return { name: provider, provider, title, state, dockerHost: `unix://${socket}`, canStart: state === 'stopped', canStop: state === 'running', startCommand, stopCommand };
}
