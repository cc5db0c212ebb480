import type { HostState } from '../../../../shared/contract/host';

/** A Docker host a VM manager or service manager can report on and start/stop. */
export type { HostState };

export type ProviderId = 'docker' | 'docker-rootless' | 'colima' | 'lima' | 'docker-desktop' | 'podman' | 'orbstack' | 'rancher-desktop';

export interface HostInstance {
  /** What `slipway host start NAME` takes: "colima", "colima/work", "lima/docker", "podman/podman-machine-default"… */
  name: string;
  provider: ProviderId;
  title: string;
  state: HostState;
  /** The engine's address once running (unix:///…). */
  dockerHost?: string;
  cpus?: number;
  memoryBytes?: number;
  diskBytes?: number;
  arch?: string;
  runtime?: string;
  canStart: boolean;
  canStop: boolean;
  /** The command we run, as the user would type it. */
  startCommand?: string;
  stopCommand?: string;
  detail?: string;
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** What providers touch of the outside world; tests pass recorded outputs instead. */
export interface ProviderSystem {
  run(command: string, args: string[], options?: { timeoutMs?: number; env?: Record<string, string | undefined> }): Promise<RunResult>;
  /** The program's path on PATH, or undefined. */
  which(command: string): Promise<string | undefined>;
  exists(file: string): boolean;
  /** Does an engine answer at this host (unix:///…)? */
  probe(dockerHost: string): Promise<boolean>;
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  home: string;
  uid: number;
}

export interface HostProvider {
  id: ProviderId;
  title: string;
  /** Is this manager installed here (its CLI on PATH or its socket present)? */
  detect(system: ProviderSystem): Promise<boolean>;
  list(system: ProviderSystem): Promise<HostInstance[]>;
  start(system: ProviderSystem, instance: HostInstance): Promise<void>;
  stop(system: ProviderSystem, instance: HostInstance): Promise<void>;
}
